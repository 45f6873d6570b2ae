/** Entra error codes (AADSTS…) users meet while setting up sign-in, with what to do about each. */
const HINTS: readonly [code: string, hint: string][] = [
  [
    "AADSTS700213",
    "no federated credential of the app matches the subject of this workflow's GitHub token; add one whose subject matches the trigger, e.g. repo:ORG/REPO:ref:refs/heads/main, repo:ORG/REPO:environment:prod or repo:ORG/REPO:pull_request",
  ],
  [
    "AADSTS70021",
    "no federated credential of the app matches this GitHub token; check its issuer (https://token.actions.githubusercontent.com), audience (api://AzureADTokenExchange) and subject (e.g. repo:ORG/REPO:ref:refs/heads/main)",
  ],
  ["AADSTS700016", "the application was not found in the tenant; check AZURE_CLIENT_ID and AZURE_TENANT_ID"],
  ["AADSTS7000215", "the client secret is wrong; AZURE_CLIENT_SECRET must be the secret's value, not its id"],
  ["AADSTS7000222", "the client secret has expired; create a new one for the app registration"],
  ["AADSTS90002", "the tenant was not found; check AZURE_TENANT_ID"],
  ["AADSTS900023", "AZURE_TENANT_ID is not a valid tenant id or domain"],
  ["AADSTS700024", "the GitHub token was outside its validity window; check the runner's clock and retry"],
];

/** The advice for the first known Entra error code in a sign-in error message, if any. */
export function tokenErrorHint(message: string): string | undefined {
  for (const [code, hint] of HINTS) {
    if (new RegExp(`\\b${code}\\b`).test(message)) return `${code}: ${hint}`;
  }
  return undefined;
}
