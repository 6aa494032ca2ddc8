// Closes one Bulk API 1.0 job with jsforce, the way a Node integration would: a Connection from an existing session
// (SFBULK_INSTANCE_URL, SFBULK_SESSION_ID), then bulk.job(id).close(). Exits 1 unless the job ends Closed.
import { Connection } from 'jsforce';

const jobId = process.argv[2];
const conn = new Connection({
  instanceUrl: process.env.SFBULK_INSTANCE_URL,
  accessToken: process.env.SFBULK_SESSION_ID,
  version: process.env.API_VERSION ?? '66.0',
});
const info = await conn.bulk.job(jobId).close();
if (info.state !== 'Closed') {
  console.error(`job ${jobId} is ${info.state}`);
  process.exit(1);
}
