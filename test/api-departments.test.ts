import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { read } from './fixtures/store-access.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('API: /api/departments', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const paths = (body: unknown) => (body as ErrorBody).error.details.map((d) => d.path).sort();

  test('When the list is asked, then every department comes back as an array', async () => {
    const res = await f.get('/api/departments').expect(200);
    assert.ok(Array.isArray(res.body));
    assert.equal(res.body.length, 8);
    assert.equal(res.body[0].name, 'Pharmacy');
  });

  test('When a department is created, then it gets 201 with a server-assigned id and defaults, and is saved and audited', async () => {
    const res = await f.post('/api/departments', { name: 'Toys', extension: '150', keywords: ['games'] }).set('X-Actor', 'carol').expect(201);
    assert.match(res.body.id, UUID);
    assert.equal(res.headers.location, `/api/departments/${res.body.id}`);
    assert.deepEqual(res.body, { id: res.body.id, name: 'Toys', extension: '150', keywords: ['games'], description: '', active: true });
    assert.deepEqual((await f.get(`/api/departments/${res.body.id}`).expect(200)).body, res.body);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual(
      { actor: entry.actor, action: entry.action, collection: entry.collection, id: entry.id, changes: entry.changes },
      { actor: 'carol', action: 'create', collection: 'departments', id: res.body.id, changes: ['active', 'description', 'extension', 'keywords', 'name'] },
    );
  });

  test('When a body carries an id on create, then it gets 400 and nothing is written', async () => {
    const bytes = await f.bytes('departments');
    const res = await f.post('/api/departments', { id: 'mine', name: 'Garden', extension: '151' }).expect(400);
    assert.deepEqual(paths(res.body), ['id']);
    assert.equal(await f.bytes('departments'), bytes);
  });

  test('When fields are invalid or unknown, then it gets 400 naming each and nothing is written', async () => {
    const bytes = await f.bytes('departments');
    const res = await f.post('/api/departments', { name: '', extension: 'ten', phoneNumber: '555', colour: 'red' }).expect(400);
    assert.deepEqual(paths(res.body), ['colour', 'extension', 'name', 'phoneNumber']);
    assert.equal(await f.bytes('departments'), bytes);
  });

  test('When an extension is already used, then create and update get 409 and nothing is written', async () => {
    const bytes = await f.bytes('departments');
    const created = await f.post('/api/departments', { name: 'Books', extension: '101' }).expect(409);
    assert.equal((created.body as ErrorBody).error.code, 'conflict');
    assert.match((created.body as ErrorBody).error.message, /extension "101"/);
    await f.put('/api/departments/dept-bakery', { extension: '101' }).expect(409);
    assert.equal(await f.bytes('departments'), bytes);
  });

  test('When a department is updated, then only the given fields change, and null clears an optional one', async () => {
    const withPhone = await f.put('/api/departments/dept-deli', { phoneNumber: '+15555550199', description: 'Cold cuts.' }).expect(200);
    assert.equal(withPhone.body.phoneNumber, '+15555550199');
    assert.equal(withPhone.body.name, 'Deli');
    const cleared = await f.put('/api/departments/dept-deli', { phoneNumber: null }).expect(200);
    assert.equal('phoneNumber' in cleared.body, false);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual(entry.changes, ['phoneNumber']);
  });

  test('When the body id matches the path it is accepted; when it differs it gets 400', async () => {
    await f.put('/api/departments/dept-deli', { id: 'dept-deli', name: 'Deli Counter' }).expect(200);
    const res = await f.put('/api/departments/dept-deli', { id: 'dept-other', name: 'Deli' }).expect(400);
    assert.deepEqual(paths(res.body), ['id']);
    assert.equal((await read(f.store, 'departments')).find((d) => d.id === 'dept-deli')?.name, 'Deli Counter');
  });

  test('When an id is unknown, then GET, PUT and DELETE get 404', async () => {
    const res = await f.get('/api/departments/no-such').expect(404);
    assert.equal((res.body as ErrorBody).error.code, 'not_found');
    assert.match((res.body as ErrorBody).error.message, /no-such/);
    await f.put('/api/departments/no-such', { name: 'X' }).expect(404);
    await f.del('/api/departments/no-such').expect(404);
  });

  test('When an unused department is deleted, then it answers with the removed record and it is gone', async () => {
    const created = (await f.post('/api/departments', { name: 'Garden', extension: '152' }).expect(201)).body;
    const res = await f.del(`/api/departments/${created.id}`).expect(200);
    assert.deepEqual(res.body, created);
    await f.get(`/api/departments/${created.id}`).expect(404);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual([entry.action, entry.id, entry.summary], ['delete', created.id, 'Deleted department Garden']);
  });

  test('When a department that products use is deleted, then it gets 409 naming how many, and nothing is written', async () => {
    const departments = await f.bytes('departments');
    const inventory = await f.bytes('inventory');
    const res = await f.del('/api/departments/dept-bakery').expect(409);
    const body = res.body as ErrorBody;
    assert.equal(body.error.code, 'department_in_use');
    assert.match(body.error.message, /used by 5 products/);
    assert.equal(body.error.details[0].productCount, 5);
    assert.equal(await f.bytes('departments'), departments);
    assert.equal(await f.bytes('inventory'), inventory);
  });

  test('When it is deleted with ?unassignProducts=true, then its products lose their department and it is gone', async () => {
    await f.del('/api/departments/dept-bakery?unassignProducts=true').expect(200);
    await f.get('/api/departments/dept-bakery').expect(404);
    const inventory = await read(f.store, 'inventory');
    assert.equal(inventory.filter((p) => p.departmentId === 'dept-bakery').length, 0);
    assert.equal(inventory.find((p) => p.name === 'White Sandwich Bread')?.departmentId, undefined);
    const [deleted, cleared] = (await f.get('/api/audit')).body.items;
    assert.equal(deleted.action, 'delete');
    assert.deepEqual([cleared.collection, cleared.changes], ['inventory', ['departmentId']]);
  });

  test('When a write goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await f.secondApp();
    const created = (await f.post('/api/departments', { name: 'Electronics', extension: '160' }).expect(201)).body;
    const res = await authorised(request(second).get(`/api/departments/${created.id}`)).expect(200);
    assert.equal(res.body.name, 'Electronics');
    await authorised(request(second).delete(`/api/departments/${created.id}`)).expect(200);
    await f.get(`/api/departments/${created.id}`).expect(404);
  });
});
