/** The sample MSP's customers: the names and places the demo estate is built from. */
export interface CatalogueCustomer {
  name: string;
  state: string;
}

/** Customers listed in the demo's notion-ops.yml, in order. */
export const CUSTOMERS: readonly CatalogueCustomer[] = [
  { name: "Bayside Family Dental", state: "California" },
  { name: "Harbor Point Law Group", state: "Massachusetts" },
  { name: "Riverside Elementary School", state: "Oregon" },
  { name: "Cedar Grove Veterinary Clinic", state: "Washington" },
  { name: "Summit Ridge Accounting", state: "Colorado" },
  { name: "Maple Street Pediatrics", state: "Ohio" },
  { name: "Northgate Auto Repair", state: "Michigan" },
  { name: "Blue Heron Architects", state: "North Carolina" },
  { name: "Lakeside Orthodontics", state: "Minnesota" },
  { name: "Granite State Insurance Agency", state: "New Hampshire" },
  { name: "Prairie Wind Credit Union", state: "Kansas" },
  { name: "Oak Hollow Senior Living", state: "Tennessee" },
  { name: "Silver Creek Physical Therapy", state: "Idaho" },
  { name: "Copperfield Engineering", state: "Arizona" },
  { name: "Magnolia Title & Escrow", state: "Georgia" },
  { name: "Westbrook Middle School", state: "Connecticut" },
  { name: "Pinecrest Dermatology", state: "Florida" },
  { name: "Ironwood Manufacturing", state: "Pennsylvania" },
  { name: "Brightside Chiropractic", state: "Texas" },
  { name: "Seaside Property Management", state: "South Carolina" },
  { name: "Foxhall Wealth Advisors", state: "Virginia" },
  { name: "Redwood Montessori Academy", state: "California" },
  { name: "Clearwater Eye Care", state: "Florida" },
  { name: "Hudson Valley Brewing Co.", state: "New York" },
  { name: "Stonebridge Family Law", state: "Illinois" },
  { name: "Evergreen Dental Studio", state: "Washington" },
  { name: "Tallgrass Animal Hospital", state: "Nebraska" },
  { name: "Juniper Ridge Dental", state: "Utah" },
  { name: "Mesa Verde Imaging Center", state: "New Mexico" },
  { name: "Old Mill Public Library", state: "Vermont" },
  { name: "Keystone Logistics", state: "Pennsylvania" },
  { name: "Willow Creek Pharmacy", state: "Wisconsin" },
  { name: "Bluebonnet Pediatric Dentistry", state: "Texas" },
  { name: "Northshore Realty Partners", state: "Illinois" },
  { name: "Sandhill Ag Cooperative", state: "North Dakota" },
  { name: "Lighthouse Christian Academy", state: "Maine" },
];

/** A configured customer that no source reports yet (signed, not onboarded). */
export const NOT_ONBOARDED = "Juniper Ridge Dental";

/** Listed by name only (no vendor ids): the sources' names must match it exactly. */
export const LISTED_BY_NAME: readonly string[] = [
  "Harbor Point Law Group",
  "Old Mill Public Library",
  "Sandhill Ag Cooperative",
  "Willow Creek Pharmacy",
];

/** NinjaOne names this customer slightly differently, so it does not join by name. */
export const NINJAONE_NAME_MISMATCH = {
  site: "Harbor Point Law Group",
  organization: "Harbor Point Law Group, LLC",
};

/** A UniFi site that no configured site names: a branch nobody added to notion-ops.yml. */
export const UNLISTED_UNIFI_SITE: CatalogueCustomer = {
  name: "Copperfield Engineering - Yard Office",
  state: "Arizona",
};

export const CONTACT_FIRST_NAMES: readonly string[] = [
  "Dana",
  "Marcus",
  "Priya",
  "Elena",
  "Tom",
  "Grace",
  "Luis",
  "Hannah",
  "Omar",
  "Sofia",
  "Ben",
  "Keisha",
  "Ravi",
  "Megan",
  "Victor",
  "Chloe",
  "Andre",
  "Nina",
  "Sam",
  "Julia",
];

export const CONTACT_LAST_NAMES: readonly string[] = [
  "Whitfield",
  "Okafor",
  "Nguyen",
  "Castillo",
  "Brennan",
  "Lindqvist",
  "Patel",
  "Moreau",
  "Hughes",
  "Tanaka",
  "Alvarez",
  "Fischer",
  "Coleman",
  "Duarte",
  "Sullivan",
  "Kowalski",
];
