import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { afterCommit, afterRollback, inTransaction } from '../../src/db/transaction.js';
import { users } from '../../src/db/schema.js';
import { findUserById, type SessionUser } from '../../src/accounts/users.js';
import { createAccount, disableAccount } from '../../src/accounts/store.js';
import { attachFiles, removeFile, storeUploads, type PreparedUpload } from '../../src/evidence/store.js';
import { LocalDiskStore, type FileStore } from '../../src/evidence/storage.js';
import { freshDatabase } from '../helpers/db.js';
import { filesUnder } from '../helpers/disk.js';
import { insertModel } from '../helpers/fixtures.js';
import { pdf } from '../helpers/sample-files.js';

const LIMITS = {
  maxDocumentBytes: 20e6,
  maxVideoBytes: 200e6,
  maxFilesPerEntry: 20,
  maxEntryBytes: 500e6,
  maxImagePixels: 50e6,
  qpdfPath: 'qpdf',
};

describe('transactions opened by the caller', () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase();
  });
  after(async () => {
    await database.close();
  });

  const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(database.db, q))[0].n;

  describe('inTransaction', () => {
    it('commits what the work wrote and then runs the after-commit work, not the after-rollback work', async () => {
      const ran: string[] = [];
      const result = await inTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into app_settings (key, value) values ('tx-commit', '1')`);
        afterCommit(tx, () => {
          ran.push('commit');
        });
        afterRollback(tx, () => {
          ran.push('rollback');
        });
        expect(ran).to.deep.equal([]);
        return 42;
      });
      expect(result).to.equal(42);
      expect(ran).to.deep.equal(['commit']);
      expect(await count(sql`select count(*)::int as n from app_settings where key = 'tx-commit'`)).to.equal(1);
    });

    it('rolls back on an error, rethrows it, and runs the after-rollback work only', async () => {
      const ran: string[] = [];
      const failure = new Error('the second step failed');
      let caught: unknown;
      try {
        await inTransaction(database.db, async (tx) => {
          await tx.execute(sql`insert into app_settings (key, value) values ('tx-rollback', '1')`);
          afterCommit(tx, () => {
            ran.push('commit');
          });
          afterRollback(tx, () => {
            ran.push('rollback');
          });
          throw failure;
        });
      } catch (err) {
        caught = err;
      }
      expect(caught).to.equal(failure);
      expect(ran).to.deep.equal(['rollback']);
      expect(await count(sql`select count(*)::int as n from app_settings where key = 'tx-rollback'`)).to.equal(0);
    });

    it('runs after-rollback work when a statement fails in the database', async () => {
      let undone = false;
      await inTransaction(database.db, async (tx) => {
        afterRollback(tx, () => {
          undone = true;
        });
        await tx.execute(sql`insert into app_settings (key, value) values ('tx-dup', '1'), ('tx-dup', '2')`);
      }).then(
        () => expect.fail('a duplicate key must fail'),
        () => undefined,
      );
      expect(undone).to.equal(true);
    });

    it('keeps the outcome when a hook fails, and still runs the other hooks', async () => {
      let second = false;
      const value = await inTransaction(database.db, async (tx) => {
        afterCommit(tx, () => {
          throw new Error('cleanup failed');
        });
        afterCommit(tx, async () => {
          second = true;
        });
        return 'kept';
      });
      expect(value).to.equal('kept');
      expect(second).to.equal(true);
    });

    it('refuses hooks on a transaction it did not open, and a transaction inside its own', async () => {
      await database.db.transaction(async (tx) => {
        expect(() => afterRollback(tx, () => undefined)).to.throw(/inTransaction/);
      });
      let inner: unknown;
      await inTransaction(database.db, async (tx) => {
        try {
          await inTransaction(tx, async () => undefined);
        } catch (err) {
          inner = err;
        }
      });
      expect(String(inner)).to.match(/pass that transaction on/);
    });
  });

  describe('the accounts store', () => {
    it('creates an account with its link atomically: a later failure leaves neither', async () => {
      const [admin] = await database.db
        .insert(users)
        .values({ username: 'tx.admin', displayName: 'Quản trị', role: 'central_admin' })
        .returning();
      await inTransaction(database.db, async (tx) => {
        await createAccount(tx, admin.id, {
          username: 'tx.bo.do',
          displayName: 'Bỏ dở',
          role: 'province_reviewer',
          provinceCode: '19',
          communeCode: null,
        });
        throw new Error('after the account');
      }).catch(() => undefined);
      expect(await count(sql`select count(*)::int as n from users where username = 'tx.bo.do'`)).to.equal(0);
      expect(
        await count(
          sql`select count(*)::int as n from password_tokens t join users u on u.id = t.user_id where u.username = 'tx.bo.do'`,
        ),
      ).to.equal(0);

      const made = await inTransaction(database.db, (tx) =>
        createAccount(tx, admin.id, {
          username: 'tx.giu',
          displayName: 'Giữ',
          role: 'province_reviewer',
          provinceCode: '19',
          communeCode: null,
        }),
      );
      expect(made.token).to.match(/^[A-Za-z0-9_-]{43}$/);
      await inTransaction(database.db, (tx) => disableAccount(tx, made.id));
      const [row] = await queryRows<{ disabled: boolean; open: number }>(
        database.db,
        sql`select disabled,
        (select count(*)::int from password_tokens where user_id = ${made.id} and used_at is null and expires_at > now()) as open from users where id = ${made.id}`,
      );
      expect(row).to.deep.equal({ disabled: true, open: 0 });
    });
  });

  describe('the evidence store in a longer transaction', () => {
    let uploadDir: string;
    let store: LocalDiskStore;
    let cadre: SessionUser;
    let modelId: number;
    before(async () => {
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-tx-'));
      store = new LocalDiskStore(uploadDir);
      const [commune] = await queryRows<{ code: string }>(
        database.db,
        sql`select code from communes where province_code = '19' order by code limit 1`,
      );
      const [u] = await database.db
        .insert(users)
        .values({
          username: 'tx.cadre',
          displayName: 'Cán bộ',
          role: 'commune_cadre',
          provinceCode: '19',
          communeCode: commune.code,
        })
        .returning();
      cadre = (await findUserById(database.db, u.id))!;
      modelId = (await insertModel(database, { title: 'Mô hình có tệp', status: 'draft', communeCode: commune.code }))
        .id;
    });
    after(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

    const prepared = (): PreparedUpload => {
      const bytes = pdf();
      const tempPath = path.join(store.tempDir, `upload-${Math.random().toString(36).slice(2)}`);
      fs.writeFileSync(tempPath, bytes);
      return {
        tempPath,
        name: 'bao-cao.pdf',
        mime: 'application/pdf',
        kind: 'document',
        size: bytes.length,
        width: null,
        height: null,
        caption: 'Báo cáo',
        isPublic: true,
      };
    };
    const stored = () => filesUnder(path.join(uploadDir, 'files'));
    const rows = () => count(sql`select count(*)::int as n from evidence_files where model_id = ${modelId}`);

    it('removes the moved files again when a later step of the caller rolls the transaction back', async () => {
      const before = stored();
      let storedInside: string[] = [];
      await storeUploads(database.db, store, [prepared()], async (tx, sent) => {
        await attachFiles(tx, cadre, modelId, sent, LIMITS);
        storedInside = stored();
        throw new Error('a later step failed');
      }).catch(() => undefined);
      expect(storedInside).to.have.length(before.length + 1);
      expect(stored()).to.deep.equal(before);
      expect(await rows()).to.equal(0);
    });

    it("keeps the files of a committed upload, and deletes a removed file's bytes only once committed", async () => {
      const [id] = await storeUploads(database.db, store, [prepared()], (tx, sent) =>
        attachFiles(tx, cadre, modelId, sent, LIMITS),
      );
      const kept = stored();
      expect(kept).to.have.length(1);
      expect(await rows()).to.equal(1);

      await inTransaction(database.db, async (tx) => {
        await removeFile(tx, store, cadre, modelId, id);
        throw new Error('undo the removal');
      }).catch(() => undefined);
      expect(stored()).to.deep.equal(kept);
      expect(await rows()).to.equal(1);

      await inTransaction(database.db, (tx) => removeFile(tx, store, cadre, modelId, id));
      expect(stored()).to.deep.equal([]);
      expect(await rows()).to.equal(0);
    });

    it('holds no transaction and no lock on the model while the bytes travel, and removes them when the transaction refuses', async () => {
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (release = resolve));
      let transferring!: () => void;
      const started = new Promise<void>((resolve) => (transferring = resolve));
      const slow: FileStore = Object.assign(Object.create(store) as LocalDiskStore, {
        put: async (key: string, localPath: string) => {
          transferring();
          await arrived;
          await store.put(key, localPath);
        },
      });
      const before = stored();
      // Over the entry's byte limit: refused inside the transaction, after the transfer.
      const upload = storeUploads(database.db, slow, [prepared()], (tx, sent) =>
        attachFiles(tx, cadre, modelId, sent, { ...LIMITS, maxEntryBytes: 10 }),
      );
      await started;
      const locked = await Promise.race([
        inTransaction(database.db, (tx) =>
          queryRows<{ id: number }>(tx, sql`select id from models where id = ${modelId} for update nowait`),
        ),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
      ]);
      expect(locked, 'the model row could be locked during the transfer').to.deep.equal([{ id: modelId }]);
      release();
      const refused = await upload.then(
        () => null,
        (err: unknown) => err,
      );
      expect(refused).to.have.property('status', 413);
      expect(stored()).to.deep.equal(before);
      expect(await rows()).to.equal(0);
    });
  });
});
