/**
 * Child process for the durable-write test: adds accounts to `accounts.json` in BATCH_DECK_DATA through the app's own
 * AccountRecords, one write at a time, until there are WRITES_UNTIL of them, and prints each count once it is on disk.
 */
import { AccountRecords } from '../../../main/accounts/account-records';

async function main(): Promise<void> {
  const records = new AccountRecords(process.env.BATCH_DECK_DATA as string);
  const until = Number(process.env.WRITES_UNTIL);
  let count = (await records.read()).accounts.length;
  while (count < until) {
    const id = `acct-${count}`;
    const next = await records.update((draft) => {
      draft.accounts.push({ kind: 'sharedKey', id, name: id, endpoint: `https://${id}.westeurope.batch.azure.com` });
      draft.activeId = id;
    });
    count = next.accounts.length;
    process.stdout.write(`${count}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
