import { Body1, Button, Caption1, MessageBar, MessageBarBody, Spinner, Title2 } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { SupportedImage } from '../../../contract/features/batch-models';
import { useNow } from '../../components/use-now';
import { useLayoutStyles } from '../../theme/layout-styles';
import { useNavigation } from '../../navigation';
import { useScopedAccountId } from '../accounts/account-scope';
import { CloudServicesRetiredNote } from '../pools/cloud-services-note';
import { agentSkus, describeAge, filterImages, noImageFilters, type ImageFilters } from './image-filters';
import { ImageFilterBar } from './image-filter-bar';
import { ImageTable } from './image-table';
import { useImages, useRefreshImages } from './use-images';

/** The Images page: the account's supported images and node agent SKUs, searchable, with "create a pool" per image. */
export function ImagesPage() {
  const accountId = useScopedAccountId();
  const images = useImages(accountId);
  const refresh = useRefreshImages(accountId);
  const go = useNavigation((s) => s.go);
  const layout = useLayoutStyles();
  const [filters, setFilters] = useState<ImageFilters>(noImageFilters);
  const now = useNow();
  const all = images.data?.images;
  const shown = useMemo(() => filterImages(all ?? [], filters, now), [all, filters, now]);
  const skus = useMemo(() => agentSkus(all ?? []), [all]);

  const createPool = (image: SupportedImage) =>
    go('pools', { create: '1', accountId, publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version, agent: image.nodeAgentSkuId });

  return (
    <section aria-labelledby="page-title" className={layout.page}>
      <div className={layout.header}>
        <Title2 as="h2" id="page-title">
          Images
        </Title2>
        {images.data && (
          <Caption1 data-testid="images-age" data-fetched-at={images.data.fetchedAt} title={`Listed at ${images.data.fetchedAt}`}>
            {images.data.account.name}: {images.data.images.length} images, listed {describeAge(images.data.fetchedAt, now)}
          </Caption1>
        )}
        <Button size="small" icon={<ArrowClockwiseRegular />} onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {refresh.isPending ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      <Body1>
        Virtual Machine Configuration images this account supports, each with the node agent SKU a pool must use with it.
      </Body1>
      <CloudServicesRetiredNote />
      <ImageFilterBar filters={filters} agentSkus={skus} onChange={setFilters} />
      {images.isPending && <Spinner label="Listing supported images…" />}
      {images.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{images.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {all && (
        <>
          <Caption1 aria-live="polite" data-testid="images-count">
            {shown.length} of {all.length} images
          </Caption1>
          <ImageTable images={shown} now={now} onCreatePool={createPool} />
        </>
      )}
    </section>
  );
}
