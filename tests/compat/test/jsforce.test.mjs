// The emulator seen through an independent Salesforce client: jsforce, used as its documentation shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsforce from 'jsforce';
import { collect, control, credentials, startEmulator } from '../lib/emulator.mjs';

const SOAP_VERSION = '64.0'; // the newest version with SOAP login()
const API_VERSION = '66.0';
const POLL = { pollInterval: 200, pollTimeout: 30_000 };

let emulator;
let org;

before(async () => {
  emulator = await startEmulator();
  // Batches take ~2.5 emulated seconds; run the clock 20x so polling finishes quickly.
  assert.equal((await control(emulator.url, 'POST', 'time/scale', { scale: 20 })).status, 200);
  org = (await control(emulator.url, 'GET', 'org')).body;
});

after(async () => {
  await emulator?.stop();
});

function oauthConnection(version = API_VERSION) {
  return new jsforce.Connection({
    oauth2: { loginUrl: emulator.url, clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    version,
  });
}

async function oauthLogin() {
  const conn = oauthConnection();
  await conn.login(credentials.username, credentials.password);
  return conn;
}

function bulkPolling(conn) {
  conn.bulk.pollInterval = POLL.pollInterval;
  conn.bulk.pollTimeout = POLL.pollTimeout;
  conn.bulk2.pollInterval = POLL.pollInterval;
  conn.bulk2.pollTimeout = POLL.pollTimeout;
  return conn;
}

describe('login', () => {
  test('SOAP login returns the org and user ids and a session for the instance', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: SOAP_VERSION });
    const userInfo = await conn.login(credentials.username, credentials.password);
    assert.equal(userInfo.organizationId, org.orgId.slice(0, 18));
    assert.equal(userInfo.id, org.users[0].id);
    assert.equal(conn.instanceUrl, emulator.url);
    assert.match(conn.accessToken, /^00D\w{12}!/);
  });

  test('SOAP login with a wrong password fails with INVALID_LOGIN', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: SOAP_VERSION });
    await assert.rejects(conn.login(credentials.username, 'wrong'), /INVALID_LOGIN/);
  });

  test('OAuth2 username-password login returns the org and user ids', async () => {
    const conn = oauthConnection();
    const userInfo = await conn.login(credentials.username, credentials.password);
    assert.equal(userInfo.organizationId, org.orgId);
    assert.equal(userInfo.id, org.users[0].id);
    assert.equal(conn.instanceUrl, emulator.url);
    assert.match(conn.accessToken, /^00D\w{12}!/);
  });
});

describe('Bulk API 1.0', () => {
  test('bulk.load inserts CSV records: job create, batch, poll, results, close', async () => {
    const conn = bulkPolling(await oauthLogin());
    await control(emulator.url, 'DELETE', 'requests');
    const batch = conn.bulk.load('Account', 'insert', [{ Name: 'Acme' }, { Name: 'Globex' }, { Name: 'Initech' }]);
    const closed = new Promise((resolve, reject) => {
      batch.job.on('close', resolve);
      batch.job.on('error', reject);
    });

    const results = await batch;
    const jobInfo = await closed;

    assert.equal(results.length, 3);
    for (const r of results) {
      assert.equal(r.success, true);
      assert.equal(r.created, true);
      assert.match(r.id, /^001\w{15}$/);
      assert.deepEqual(r.errors, []);
    }
    assert.equal(new Set(results.map((r) => r.id)).size, 3);
    assert.equal(jobInfo.state, 'Closed');
    assert.equal(jobInfo.object, 'Account');
    assert.equal(jobInfo.operation, 'insert');
    assert.equal(jobInfo.contentType, 'CSV');
    assert.equal(jobInfo.numberRecordsProcessed, '3');

    const routes = (await control(emulator.url, 'GET', 'requests')).body.routes;
    assert.equal(routes['POST /services/async/{version}/job'], 1);
    assert.equal(routes['POST /services/async/{version}/job/{jobId}/batch'], 1);
    assert.equal(routes['GET /services/async/{version}/job/{jobId}/batch/{batchId}/result'], 1);
    assert.equal(routes['POST /services/async/{version}/job/{jobId}'], 1);
    assert.ok(routes['GET /services/async/{version}/job/{jobId}/batch/{batchId}'] >= 1);
  });

  test('bulk.query returns every record of the object', async () => {
    const conn = bulkPolling(await oauthLogin());
    const records = await collect(await conn.bulk.query('SELECT Id, Name FROM Lead'));
    assert.equal(records.length, 20);
    for (const r of records) {
      assert.match(r.Id, /^00Q\w{12,15}$/);
      assert.equal(typeof r.Name, 'string');
    }
    assert.equal(new Set(records.map((r) => r.Id)).size, 20);
  });

  test('bulk.job(id).close() returns the closed JobInfo', async () => {
    const conn = await oauthLogin();
    const opened = await conn.bulk.createJob('Account', 'insert').open();
    assert.equal(opened.state, 'Open');

    const jobInfo = await conn.bulk.job(opened.id).close();

    assert.equal(jobInfo.id, opened.id);
    assert.equal(jobInfo.state, 'Closed');
    assert.equal(jobInfo.object, 'Account');
    assert.equal(jobInfo.operation, 'insert');
    assert.equal(jobInfo.apiVersion, API_VERSION);
    assert.equal(jobInfo.numberBatchesTotal, '0');
  });

  test('bulk.job(id).abort() returns the aborted JobInfo', async () => {
    const conn = await oauthLogin();
    const opened = await conn.bulk.createJob('Contact', 'delete').open();

    const jobInfo = await conn.bulk.job(opened.id).abort();

    assert.equal(jobInfo.id, opened.id);
    assert.equal(jobInfo.state, 'Aborted');
    assert.equal(jobInfo.object, 'Contact');
    assert.equal(jobInfo.operation, 'delete');
  });

  test('closing a closed job fails with InvalidJobState', async () => {
    const conn = await oauthLogin();
    const opened = await conn.bulk.createJob('Account', 'insert').open();
    await conn.bulk.job(opened.id).close();

    await assert.rejects(conn.bulk.job(opened.id).close(), (err) => {
      assert.equal(err.name, 'InvalidJobState');
      assert.equal(err.message, 'Closing already closed Job not allowed');
      return true;
    });
  });

  test('a SOAP session works as X-SFDC-Session', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: SOAP_VERSION });
    await conn.login(credentials.username, credentials.password);
    const opened = await conn.bulk.createJob('Account', 'insert').open();
    assert.equal(opened.apiVersion, SOAP_VERSION);
    const jobInfo = await conn.bulk.job(opened.id).close();
    assert.equal(jobInfo.state, 'Closed');
  });
});

describe('Bulk API 2.0', () => {
  test('ingest job: create, upload, close, poll, results', async () => {
    const conn = bulkPolling(await oauthLogin());
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });

    const opened = await job.open();
    assert.equal(opened.state, 'Open');
    assert.equal(opened.object, 'Account');
    assert.equal(opened.operation, 'insert');
    await job.uploadData([{ Name: 'Hooli' }, { Name: 'Pied Piper' }]);
    await job.close();
    assert.equal(job.getInfo().state, 'UploadComplete');
    await job.poll(POLL.pollInterval, POLL.pollTimeout);
    assert.equal(job.getInfo().state, 'JobComplete');
    assert.equal(job.getInfo().numberRecordsProcessed, 2);
    const { successfulResults, failedResults, unprocessedRecords } = await job.getAllResults();

    assert.equal(successfulResults.length, 2);
    assert.deepEqual(successfulResults.map((r) => r.Name).sort(), ['Hooli', 'Pied Piper']);
    for (const r of successfulResults) {
      assert.match(r.sf__Id, /^001\w{15}$/);
      assert.equal(r.sf__Created, 'true');
    }
    assert.deepEqual(failedResults, []);
    assert.deepEqual(unprocessedRecords, []);
  });

  test('loadAndWaitForResults returns the successful results', async () => {
    const conn = bulkPolling(await oauthLogin());
    const res = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'insert',
      input: 'LastName\nLovelace\nHopper\nTuring\n',
      ...POLL,
    });
    assert.equal(res.successfulResults.length, 3);
    assert.deepEqual(res.successfulResults.map((r) => r.LastName), ['Lovelace', 'Hopper', 'Turing']);
    assert.ok(res.successfulResults.every((r) => /^003\w{15}$/.test(r.sf__Id)));
  });

  test('bulk2.query returns the records', async () => {
    const conn = bulkPolling(await oauthLogin());
    const records = await collect(await conn.bulk2.query('SELECT Id, Name FROM Account LIMIT 7', POLL));
    assert.equal(records.length, 7);
    assert.ok(records.every((r) => /^001\w{12,15}$/.test(r.Id)));
  });

  test('aborting an open ingest job', async () => {
    const conn = await oauthLogin();
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.abort();
    assert.equal(job.getInfo().state, 'Aborted');
    assert.equal((await job.check()).state, 'Aborted');
  });
});

describe('session expiry', () => {
  test('Bulk 1.0: 400 InvalidSessionId makes jsforce log in again and retry', async () => {
    const conn = await oauthLogin();
    const opened = await conn.bulk.createJob('Account', 'insert').open();
    const before = conn.accessToken;
    const expired = await control(emulator.url, 'POST', 'sessions/expire', { token: before });
    assert.deepEqual(expired.body, { expired: 1 });

    const jobInfo = await conn.bulk.job(opened.id).check();

    assert.equal(jobInfo.id, opened.id);
    assert.equal(jobInfo.state, 'Open');
    assert.notEqual(conn.accessToken, before);
  });

  test('Bulk 2.0: 401 INVALID_SESSION_ID makes jsforce log in again and retry', async () => {
    const conn = await oauthLogin();
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    const before = conn.accessToken;
    await control(emulator.url, 'POST', 'sessions/expire');

    const info = await conn.bulk2.job('ingest', { id: job.id }).check();

    assert.equal(info.state, 'Open');
    assert.notEqual(conn.accessToken, before);
  });

  test('an injected expireSession fault is recovered the same way', async () => {
    const conn = await oauthLogin();
    const opened = await conn.bulk.createJob('Account', 'insert').open();
    const before = conn.accessToken;
    const rule = await control(emulator.url, 'POST', 'faults', {
      route: 'POST /services/async/{version}/job/{jobId}', kind: 'expireSession', count: 1,
    });
    assert.equal(rule.status, 201);
    try {
      const jobInfo = await conn.bulk.job(opened.id).close();
      assert.equal(jobInfo.state, 'Closed');
      assert.notEqual(conn.accessToken, before);
    } finally {
      await control(emulator.url, 'DELETE', 'faults');
    }
  });
});
