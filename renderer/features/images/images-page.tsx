import { PlaceholderPage } from '../../components/placeholder-page';

/** The Images page: the account's supported VM images and node agent SKUs. */
export function ImagesPage() {
  return (
    <PlaceholderPage title="Images">
      Here you will browse the images your Batch account supports, each paired with its node agent SKU, and start a
      pool from one.
    </PlaceholderPage>
  );
}
