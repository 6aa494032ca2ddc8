// Sweeps open Bulk API 1.0 jobs with jsforce, as a Node integration would: every page of Bulk 2.0 "Get All Jobs"
// (ingest, then query) through conn.request, then bulk.job(id).close() for each open Classic job, CONCURRENCY at a
// time. Session from SFBULK_INSTANCE_URL and SFBULK_SESSION_ID. Prints one JSON line like the .NET scenario runner.
import { Connection } from 'jsforce';

const concurrency = Number(process.argv[2] ?? 4);
const version = process.env.API_VERSION ?? '66.0';
const conn = new Connection({
  instanceUrl: process.env.SFBULK_INSTANCE_URL,
  accessToken: process.env.SFBULK_SESSION_ID,
  version,
});

const started = performance.now();
let calls = 0;
const open = [];
const seen = new Set(); // both listings can return the same Classic job
for (const kind of ['ingest', 'query']) {
  let url = `/services/data/v${version}/jobs/${kind}`;
  while (url) {
    const page = await conn.request(url);
    calls++;
    for (const job of page.records) {
      if (job.jobType === 'Classic' && job.state === 'Open' && !seen.has(job.id)) {
        seen.add(job.id);
        open.push(job.id);
      }
    }
    url = page.done ? null : page.nextRecordsUrl;
  }
}

const listingSeconds = (performance.now() - started) / 1000;
let next = 0;
let closed = 0;
async function worker() {
  while (next < open.length) {
    const id = open[next++];
    const info = await conn.bulk.job(id).close();
    calls++;
    if (info.state !== 'Closed') {
      throw new Error(`job ${id} is ${info.state}`);
    }
    closed++;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));

const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({
  client: 'jsforce',
  concurrency,
  closed,
  calls,
  seconds: Math.round(seconds * 1000) / 1000,
  listingSeconds: Math.round(listingSeconds * 1000) / 1000,
  jobsPerSecond: Math.round((closed / seconds) * 10) / 10,
  peakWorkingSetBytes: process.resourceUsage().maxRSS * 1024,
}));
