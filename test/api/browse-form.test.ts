import { expect } from 'chai';
import request from 'supertest';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';

// What the browse form sends when the person only typed a search: every field, the sort left as it was.
const FORM_DEFAULTS = { province: '', field: '', type: '', movement: '', yearFrom: '', yearTo: '', sort: '' };

describe('the browse form: default order of a search, a wrong year range', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    // The older one names the search in its title (more relevant); the newer only in its summary.
    await insertModel(database, {
      title: 'Hũ gạo khuyến học của chi hội',
      summary: 'Mỗi tháng một nắm gạo.',
      year: 2021,
      publishedAt: new Date('2021-05-01T00:00:00Z'),
    });
    await insertModel(database, {
      title: 'Nồi cháo tình thương',
      summary: 'Phần gạo dư góp cho quỹ khuyến học.',
      year: 2024,
      publishedAt: new Date('2024-05-01T00:00:00Z'),
    });
  });
  after(async () => {
    await database.close();
  });

  // Card titles in page order, the search's <mark> highlights taken off.
  const titlesIn = (html: string) =>
    [...html.matchAll(/<li class="model-card">\s*<h3><a [^>]*>(.*?)<\/a>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));

  it('ranks a search sent with the sort left at its default by relevance, and says so in the select', async () => {
    const res = await request(app)
      .get('/mo-hinh')
      .query({ ...FORM_DEFAULTS, q: 'khuyen hoc' });
    expect(res.status).to.equal(200);
    const titles = titlesIn(res.text);
    expect(titles.indexOf('Hũ gạo khuyến học của chi hội')).to.be.lessThan(titles.indexOf('Nồi cháo tình thương'));
    expect(res.text).to.match(/<option value="" selected>Mặc định/);
  });

  it('keeps an order the person chose for a search', async () => {
    const res = await request(app).get('/mo-hinh').query({ q: 'khuyen hoc', sort: 'newest' });
    const titles = titlesIn(res.text);
    expect(titles.indexOf('Nồi cháo tình thương')).to.be.lessThan(titles.indexOf('Hũ gạo khuyến học của chi hội'));
    expect(res.text).to.match(/<option value="newest" selected>/);
  });

  for (const [yearFrom, yearTo, says] of [
    ['2025', '2020', '“Đến năm” (2020) không được trước “Từ năm” (2025)'],
    ['1800', '', 'Năm phải là số từ 1945 đến 2100'],
    ['abcd', '2024', 'Năm phải là số từ 1945 đến 2100'],
  ]) {
    it(`shows results and a message beside the field for the year range ${yearFrom}–${yearTo}, keeping the other filters`, async () => {
      const res = await request(app)
        .get('/mo-hinh')
        .query({ ...FORM_DEFAULTS, q: 'khuyen hoc', yearFrom, yearTo });
      expect(res.status).to.equal(200);
      expect(res.text).to.contain(says);
      expect(res.text).to.contain('id="year-error"');
      expect(titlesIn(res.text)).to.include('Hũ gạo khuyến học của chi hội');
      expect(res.text).to.contain('value="khuyen hoc"');
    });
  }

  it('sends the filter form to the results, so a phone lands below the open filter panel', async () => {
    const res = await request(app).get('/mo-hinh').query({ province: '19' });
    expect(res.text).to.contain('action="/mo-hinh#ket-qua"').and.contain('id="ket-qua"');
  });

  it('keeps the 400 of the API for a reversed range', async () => {
    const res = await request(app).get('/api/v1/models').query({ yearFrom: 2025, yearTo: 2020 });
    expect(res.status).to.equal(400);
    expect(res.body.error.parameter).to.equal('yearTo');
  });
});
