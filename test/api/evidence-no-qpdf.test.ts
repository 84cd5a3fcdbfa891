import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { upload } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

// qpdf stands between every PDF and the store: without it no PDF is taken, and the probe says so.
describe('upload content checks without qpdf', function () {
  this.timeout(60000);
  let world: FileWorld;
  before(async () => {
    world = await fileWorld({ QPDF_PATH: '/nonexistent/qpdf' });
  });
  after(() => world.close());

  it('refuses every PDF with a Vietnamese message, keeps nothing, and still takes other files', async () => {
    const { database, people } = world;
    const m = await insertModel(database, {
      title: 'Mô hình khi thiếu qpdf',
      status: 'draft',
      communeCode: people.commune,
    });
    const before = await world.everything();
    const res = await upload(people.agents.cadre, m.id, [['bao-cao.pdf', sample.pdf()]]);
    expect(res.status).to.equal(503);
    expect(res.text).to.contain('Máy chủ hiện không kiểm tra được tệp PDF “bao-cao.pdf”');
    expect(res.text).not.to.match(/at \w+ \(|Error:|node_modules|nonexistent/);
    expect(await world.everything()).to.deep.equal(before);
    expect(await queryRows(database.db, sql`select id from evidence_files where model_id = ${m.id}`)).to.deep.equal([]);
    expect((await upload(people.agents.cadre, m.id, [['anh.png', await sample.png()]])).status).to.equal(303);
  });

  it('reports the missing PDF checker on /readyz', async () => {
    const res = await world.people.agents.anonymous.get('/readyz');
    expect(res.status).to.equal(503);
    expect(res.body.problems).to.include('công cụ kiểm tra tệp PDF (qpdf) không chạy được');
  });
});
