import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One row as the Azure Retail Prices API sends it (every field the real API has, with realistic values). */
export interface RetailPriceRow {
  currencyCode: string;
  tierMinimumUnits: number;
  retailPrice: number;
  unitPrice: number;
  armRegionName: string;
  location: string;
  effectiveStartDate: string;
  meterId: string;
  meterName: string;
  productId: string;
  skuId: string;
  availabilityId: null;
  productName: string;
  skuName: string;
  serviceName: string;
  serviceId: string;
  serviceFamily: string;
  unitOfMeasure: string;
  type: string;
  isPrimaryMeterRegion: boolean;
  armSkuName: string;
  reservationTerm?: string;
}

/** Prices of one size in one region, from which the stand-in builds the rows the real API lists for it. */
export interface SizePrices {
  region: string;
  /** As the API spells it, e.g. Standard_D2s_v5 (the filter compares case-sensitively, as the API does since 2023). */
  armSkuName: string;
  /** Meter wording, e.g. "D2s v5" and product "Virtual Machines Dsv5 Series". */
  meter: string;
  product: string;
  linux: number;
  linuxSpot?: number;
  linuxLowPriority?: number;
  windows?: number;
  windowsSpot?: number;
}

let meterCounter = 0;

function row(p: SizePrices, meterName: string, productName: string, price: number, type = 'Consumption'): RetailPriceRow {
  meterCounter += 1;
  return {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    retailPrice: price,
    unitPrice: price,
    armRegionName: p.region,
    location: p.region === 'westeurope' ? 'EU West' : p.region,
    effectiveStartDate: '2025-11-01T00:00:00Z',
    meterId: `00000000-0000-4000-8000-${String(meterCounter).padStart(12, '0')}`,
    meterName,
    productId: 'DZH318Z08M22',
    skuId: `DZH318Z08M22/${String(meterCounter).padStart(4, '0')}`,
    availabilityId: null,
    productName,
    skuName: meterName.replace(/\/.*?( Spot| Low Priority)?$/, '$1'),
    serviceName: 'Virtual Machines',
    serviceId: 'DZH313Z7MMC8',
    serviceFamily: 'Compute',
    unitOfMeasure: '1 Hour',
    type,
    isPrimaryMeterRegion: true,
    armSkuName: p.armSkuName,
  };
}

/** Every row the real API lists for a size: Linux and Windows, dedicated, Spot, Low Priority, reservations, DevTest. */
export function rowsFor(p: SizePrices): RetailPriceRow[] {
  const windowsProduct = `${p.product} Windows`;
  const rows: RetailPriceRow[] = [];
  if (p.windows !== undefined) rows.push(row(p, p.meter, windowsProduct, p.windows));
  if (p.linuxLowPriority !== undefined) rows.push(row(p, `${p.meter} Low Priority`, p.product, p.linuxLowPriority));
  rows.push({ ...row(p, p.meter, p.product, p.linux * 0.6, 'Reservation'), reservationTerm: '1 Year' });
  if (p.windowsSpot !== undefined) rows.push(row(p, `${p.meter} Spot`, windowsProduct, p.windowsSpot));
  rows.push(row(p, p.meter, p.product, p.linux * 0.8, 'DevTestConsumption'));
  if (p.linuxSpot !== undefined) rows.push(row(p, `${p.meter} Spot`, p.product, p.linuxSpot));
  rows.push(row(p, p.meter, p.product, p.linux));
  return rows;
}

/** A running stand-in for https://prices.azure.com on 127.0.0.1. */
export interface PricesServer {
  /** Base URL to give the app (BATCH_DECK_PRICES_URL). */
  url: string;
  /** The request paths+queries received, in order. */
  requests: string[];
  /** Answer every request with this HTTP status instead of prices (undefined: normal answers). */
  failWith(status: number | undefined): void;
  stop(): Promise<void>;
}

/**
 * Serves `GET /api/retail/prices?$filter=serviceName eq 'Virtual Machines' and armRegionName eq '…' and armSkuName eq '…'`
 * in the real response shape (BillingCurrency, CustomerEntityId/Type, Items, NextPageLink, Count), `pageSize` rows a
 * page, with `NextPageLink` carrying `$skip` like the real API (which pages at 100).
 */
export async function startPricesServer(sizes: SizePrices[], options: { pageSize?: number } = {}): Promise<PricesServer> {
  const pageSize = options.pageSize ?? 100;
  const requests: string[] = [];
  let failure: number | undefined;
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (failure !== undefined) return send(res, failure, { Error: { Code: 'ServiceUnavailable', Message: 'try later' } });
    if (req.method !== 'GET' || url.pathname !== '/api/retail/prices') return send(res, 404, { Error: { Code: 'NotFound' } });
    const filter = url.searchParams.get('$filter') ?? '';
    const region = /armRegionName eq '([^']*)'/.exec(filter)?.[1];
    const sku = /armSkuName eq '([^']*)'/.exec(filter)?.[1];
    const all = sizes.filter((s) => (!region || s.region === region) && (!sku || s.armSkuName === sku)).flatMap(rowsFor);
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const items = all.slice(skip, skip + pageSize);
    const more = skip + pageSize < all.length;
    const next = more ? `http://${req.headers.host}/api/retail/prices?$filter=${encodeURIComponent(filter)}&$skip=${skip + pageSize}` : null;
    send(res, 200, { BillingCurrency: 'USD', CustomerEntityId: 'Default', CustomerEntityType: 'Retail', Items: items, NextPageLink: next, Count: items.length });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failWith: (status) => {
      failure = status;
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Prices used across the pricing tests: westeurope, Linux dedicated and Spot (Spot is cheaper), Windows dearer. */
export const samplePrices: SizePrices[] = [
  { region: 'westeurope', armSkuName: 'Standard_D2s_v5', meter: 'D2s v5', product: 'Virtual Machines Dsv5 Series', linux: 0.096, linuxSpot: 0.0192, linuxLowPriority: 0.0205, windows: 0.188, windowsSpot: 0.0376 },
  { region: 'westeurope', armSkuName: 'Standard_D4s_v5', meter: 'D4s v5', product: 'Virtual Machines Dsv5 Series', linux: 0.192, linuxSpot: 0.0384, windows: 0.376 },
  { region: 'westeurope', armSkuName: 'Standard_D2_v2', meter: 'D2 v2/DS2 v2', product: 'Virtual Machines Dv2 Series', linux: 0.137, linuxSpot: 0.0274, linuxLowPriority: 0.0291, windows: 0.229 },
  { region: 'eastus', armSkuName: 'Standard_D2s_v5', meter: 'D2s v5', product: 'Virtual Machines Dsv5 Series', linux: 0.096, linuxSpot: 0.0115, windows: 0.188 },
];
