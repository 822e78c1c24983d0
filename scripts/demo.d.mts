export type DemoOptions = { suffix?: string; now?: number };
/** The sample lineage (Airbyte → dbt → Airflow, five days of runs) as OpenLineage RunEvents. */
export function demoEvents(options?: DemoOptions): Array<Record<string, unknown>>;
/** Posts the sample lineage to `baseUrl`'s batch intake. */
export function postDemo(
  baseUrl: string,
  options?: DemoOptions & { token?: string },
): Promise<{ status: number; events: number; body: string }>;
