/**
 * Batch account names: 3–24 lower-case letters and digits (the form checks as you type; main checks again). Kept apart
 * from the accounts schemas so the first page's form can test names without loading zod.
 */
export const batchAccountNamePattern = /^[a-z0-9]{3,24}$/;
