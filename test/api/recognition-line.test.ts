// The recognition history as one line, the same on the staff entry page and the public model page.
import { expect } from 'chai';
import type express from 'express';
import type { Database } from '../../src/db/client.js';
import { recognitions } from '../../src/db/schema.js';
import { recognitionLine } from '../../src/reference/vocabulary.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, type People } from '../helpers/people.js';

describe('recognition line', function () {
  this.timeout(120000);
  let database: Database;
  let app: express.Express;
  let people: People;
  let model: { id: number; slug: string };

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    people = await signInPeople(database, app);
    model = await insertModel(database, { title: 'Mô hình nhiều năm', communeCode: people.commune, year: 2021 });
    await database.db.insert(recognitions).values([
      { modelId: model.id, year: 2023, level: 'province', grade: 'tot' },
      { modelId: model.id, year: 2022, level: 'province', grade: 'kha' },
    ]);
  });
  after(() => database.close());

  it('lists years in order with the grade, naming the level only when a year holds several', () => {
    expect(recognitionLine([])).to.equal('');
    expect(
      recognitionLine([
        { year: 2023, level: 'province', grade: 'tot' },
        { year: 2021, level: 'province', grade: 'tot' },
        { year: 2022, level: 'province', grade: 'kha' },
      ]),
    ).to.equal('Công nhận: 2021 (tốt), 2022 (khá), 2023 (tốt)');
    expect(
      recognitionLine([
        { year: 2024, level: 'commune', grade: 'kha' },
        { year: 2024, level: 'province', grade: 'tot' },
      ]),
    ).to.equal('Công nhận: 2024 (cấp xã, khá), 2024 (cấp tỉnh, tốt)');
  });

  it('shows the line on the staff entry page and on the public model page', async () => {
    const line = 'Công nhận: 2021 (tốt), 2022 (khá), 2023 (tốt)';
    const staff = await people.agents.reviewer.get(`/quan-ly/mo-hinh/${model.id}`);
    expect(staff.status).to.equal(200);
    expect(staff.text).to.contain(line);
    const pub = await people.agents.anonymous.get(`/mo-hinh/${encodeURIComponent(model.slug)}`);
    expect(pub.status).to.equal(200);
    expect(pub.text).to.contain(line);
  });
});
