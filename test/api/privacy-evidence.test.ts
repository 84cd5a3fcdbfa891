import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { insertModel } from '../helpers/fixtures.js';
import { upload } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { fileWorld, type FileWorld } from '../helpers/disk.js';

describe('evidence of an individual without consent', function () {
  this.timeout(120000);
  let world: FileWorld;
  before(async () => {
    world = await fileWorld();
  });
  after(() => world.close());

  it('masks the name in public captions and file names; the commune still sees them as saved', async () => {
    const { database, app, people } = world;
    const m = await insertModel(database, {
      title: 'Gương giữ rừng đầu nguồn',
      type: 'individual',
      holderName: 'Nguyễn Thị Kín Đáo',
      publishConsent: false,
      status: 'draft',
      communeCode: people.commune,
    });
    const sent = await upload(people.agents.cadre, m.id, [['Bao cao cua chi Kin Dao.pdf', sample.pdf()]], {
      caption: 'Báo cáo của chị Đáo năm 2024',
    });
    expect(sent.status).to.equal(303);
    await database.db.execute(sql`update models set status = 'approved', recognised_year = 2025, published_at = now()
      where id = ${m.id}`);
    const [file] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from evidence_files where model_id = ${m.id}`,
    );

    const page = (await request(app).get(`/mo-hinh/${m.slug}`)).text;
    expect(page).to.contain('Báo cáo của chị [tên được giữ kín] năm 2024').and.not.contain('chị Đáo');
    const download = await request(app).get(`/tep/${file.id}/tai-ve`);
    expect(download.status).to.equal(200);
    expect(download.headers['content-disposition'])
      .to.contain('Bao%20cao%20cua%20chi%20%5Bt%C3%AAn')
      .and.not.match(/Kin|Dao/);

    const own = await people.agents.cadre.get(`/tep/${file.id}/tai-ve`);
    expect(own.headers['content-disposition']).to.equal('attachment; filename="Bao cao cua chi Kin Dao.pdf"');
  });
});
