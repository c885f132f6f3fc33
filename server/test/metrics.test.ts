import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMetrics } from '../src/metrics/metrics';
import { startMetricsServer, type MetricsServer } from '../src/metrics/metrics-server';
import { createTestApp, TEST_PASSWORD, type TestApp } from './helpers';
import { prepareFilingClient } from './helpers/filing-client';

// Prometheus metrics: collected when MAILROOM_METRICS_PORT is set, served on that port alone.
let t: TestApp;
let base: string;
let metrics: MetricsServer;
beforeAll(async () => {
  t = await createTestApp({ config: { metricsPort: 0 } });
  base = await t.listen();
  metrics = await startMetricsServer({ port: 0, host: '127.0.0.1', db: t.db });
});
afterAll(async () => {
  await metrics.close();
  await t.close();
});

const scrape = async () => {
  const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
/** The value of one sample line, e.g. `name{a="b"}`; undefined when absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('counts and times requests by route pattern and status, counts filings, shows the pool and the sync hooks', async () => {
    const client = await prepareFilingClient(base, { admin: t.seed.admin.email, member: t.seed.member.email, password: TEST_PASSWORD });
    expect((await client.file(1)).status).toBe(201);
    expect((await client.file(1)).status).toBe(200); // a retry
    expect((await client.file(2)).status).toBe(201);
    const token = await t.login(t.seed.member.email);
    for (const id of ['a', 'b', 'c']) {
      expect((await fetch(`${base}/api/records/${id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    }
    await fetch(`${base}/no/such/route`);
    syncMetrics.setLag('acc-1', 42);
    syncMetrics.setQueueDepth(3);

    const text = await scrape();
    expect(sample(text, 'mailroom_http_requests_total{method="POST",route="/api/auth/login",status="200"}')).toBe(2);
    expect(sample(text, 'mailroom_http_requests_total{method="POST",route="/api/filings",status="201"}')).toBe(2);
    expect(sample(text, 'mailroom_http_requests_total{method="POST",route="/api/filings",status="200"}')).toBe(1);
    // The pattern, not the ids: one series however many records are asked for.
    expect(sample(text, 'mailroom_http_requests_total{method="GET",route="/api/records/:id",status="404"}')).toBe(3);
    expect(text).not.toContain('/api/records/a');
    expect(sample(text, 'mailroom_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'mailroom_http_request_duration_seconds_count{method="POST",route="/api/filings",status="201"}')).toBe(2);
    expect(sample(text, 'mailroom_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/filings",status="201"}')).toBe(2);
    expect(sample(text, 'mailroom_filings_total{source="extension",result="filed"}')).toBe(2);
    expect(sample(text, 'mailroom_filings_total{source="extension",result="already_filed"}')).toBe(1);
    expect(sample(text, 'mailroom_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mailroom_db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(text, 'mailroom_sync_lag_seconds{account="acc-1"}')).toBe(42);
    expect(sample(text, 'mailroom_sync_queue_depth')).toBe(3);
    expect(text).toContain('mailroom_nodejs_eventloop_lag_seconds');

    syncMetrics.forgetAccount('acc-1');
    expect(await scrape()).not.toContain('account="acc-1"');
  });

  it('is never served on the public API port', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('mailroom_http_requests_total');
  });

  it('the metrics port serves nothing else', async () => {
    expect((await fetch(`http://127.0.0.1:${metrics.port}/api/health`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metrics.port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
