import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/paths.js';

describe('configuration', () => {
  it('has working defaults for a bare machine', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(3000);
    expect(c.databaseUrl).to.equal(null);
    expect(c.dataDir).to.equal(path.resolve('./data'));
    expect(c.uploadDir).to.equal(path.resolve('./uploads'));
    expect(c.seedDemo).to.equal(true);
  });

  it('seeds demo data by default only on the embedded database', () => {
    const server = { DATABASE_URL: 'postgres://u@localhost/db', PUBLIC_BASE_URL: 'https://dvk.example.vn' };
    expect(loadConfig(server).seedDemo).to.equal(false);
    expect(loadConfig({ ...server, SEED_DEMO: 'true' }).seedDemo).to.equal(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).to.equal(false);
  });

  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'sometimes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '*' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'ALL' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '0.0.0.0/0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '127.0.0.1,::/0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0/8' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '127.0.0.1,,10.0.0.1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.5' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '500' }, 'TRUST_PROXY'],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL'],
    [{ DATABASE_URL: 'postgres://u@localhost/db' }, 'PUBLIC_BASE_URL'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ ALLOWED_HOSTS: 'evil.example/x' }, 'ALLOWED_HOSTS'],
    [{ ALLOWED_HOSTS: 'a b' }, 'ALLOWED_HOSTS'],
    [{ UPLOAD_MAX_VIDEO_MB: '-5' }, 'UPLOAD_MAX_VIDEO_MB'],
    [{ UPLOAD_MAX_FILES: '2.5' }, 'UPLOAD_MAX_FILES'],
    [{ UPLOAD_MAX_IMAGE_PIXELS: 'many' }, 'UPLOAD_MAX_IMAGE_PIXELS'],
    [{ FILE_STORE: 'nfs' }, 'FILE_STORE'],
    [{ FILE_STORE: 's3' }, 'S3_BUCKET'],
    [{ FILE_STORE: 's3', S3_BUCKET: 'Bad_Bucket' }, 'S3_BUCKET'],
    [{ FILE_STORE: 's3', S3_BUCKET: 'dvk', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT'],
    [{ FILE_STORE: 's3', S3_BUCKET: 'dvk', S3_REGION: 'Hà Nội' }, 'S3_REGION'],
    [{ FILE_STORE: 's3', S3_BUCKET: 'dvk', S3_FORCE_PATH_STYLE: 'maybe' }, 'S3_FORCE_PATH_STYLE'],
    [{ FILE_STORE: 's3', S3_BUCKET: 'dvk', S3_ACCESS_KEY_ID: 'AKIA-only' }, 'S3_ACCESS_KEY_ID'],
  ];

  it('keeps evidence files on the local disk by default, and reads the S3 settings with FILE_STORE=s3', () => {
    expect(loadConfig({}).files).to.deep.equal({ kind: 'local' });
    expect(
      loadConfig({
        FILE_STORE: 's3',
        S3_ENDPOINT: 'https://s3.hn.example.vn',
        S3_REGION: 'hn-1',
        S3_BUCKET: 'dvk-evidence',
        S3_ACCESS_KEY_ID: 'key-id',
        S3_SECRET_ACCESS_KEY: 'secret-value',
        S3_FORCE_PATH_STYLE: 'false',
      }).files,
    ).to.deep.equal({
      kind: 's3',
      endpoint: 'https://s3.hn.example.vn',
      region: 'hn-1',
      bucket: 'dvk-evidence',
      credentials: { accessKeyId: 'key-id', secretAccessKey: 'secret-value' },
      forcePathStyle: false,
    });
    // Without keys: the SDK's own chain (instance role, AWS_* variables); path style unless told otherwise.
    expect(loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'dvk' }).files).to.deep.include({
      credentials: null,
      endpoint: null,
      region: 'us-east-1',
      forcePathStyle: true,
    });
  });

  it('never repeats the secret access key in a refusal', () => {
    const secret = 'x'.repeat(300);
    expect(() =>
      loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'dvk', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: secret }),
    )
      .to.throw(ConfigError)
      .with.property('message')
      .that.does.not.contain('xxxx');
  });

  it('requires PUBLIC_BASE_URL with a database server, and says so in one line', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@localhost/db' })).to.throw(
      ConfigError,
      /PUBLIC_BASE_URL is required with DATABASE_URL/,
    );
    expect(loadConfig({}).publicBaseUrl).to.equal(null);
  });

  it('reads ALLOWED_HOSTS as a lower-case list, defaulting to the loopback names and this machine', () => {
    expect(loadConfig({ ALLOWED_HOSTS: ' Dvk.LAN:3000 , localhost' }).allowedHosts).to.deep.equal([
      'dvk.lan:3000',
      'localhost',
    ]);
    expect(loadConfig({}).allowedHosts).to.include.members(['localhost', '127.0.0.1', '[::1]']);
  });

  it('reads TRUST_PROXY as no proxy, a hop count or a list of proxy addresses', () => {
    for (const off of ['', 'false', 'no', 'off', '0'])
      expect(loadConfig({ TRUST_PROXY: off }).trustProxy).to.equal(false);
    expect(loadConfig({}).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).to.equal(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).to.deep.equal([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses a TRUST_PROXY that trusts every client, saying what to write instead', () => {
    for (const everyone of ['true', 'on', '*', 'all', '0.0.0.0/0'])
      expect(() => loadConfig({ TRUST_PROXY: everyone }))
        .to.throw(ConfigError)
        .with.property('message')
        .that.matches(/^Invalid configuration: TRUST_PROXY: .*number of reverse proxies.*127\.0\.0\.1,10\.0\.0\.0\/8$/);
  });

  it("reads the evidence file limits in megabytes and pixels, with the issue's defaults", () => {
    expect(loadConfig({}).uploads).to.deep.equal({
      maxDocumentBytes: 20 * 1024 * 1024,
      maxVideoBytes: 200 * 1024 * 1024,
      maxFilesPerEntry: 20,
      maxEntryBytes: 500 * 1024 * 1024,
      maxImagePixels: 50_000_000,
      qpdfPath: 'qpdf',
    });
    expect(loadConfig({ UPLOAD_MAX_DOCUMENT_MB: '0.5', UPLOAD_MAX_FILES: '4' }).uploads).to.include({
      maxDocumentBytes: 512 * 1024,
      maxFilesPerEntry: 4,
    });
  });
  for (const [env, name] of bad) {
    it(`refuses a bad ${name} (${Object.values(env)[0]}) with one line naming it`, () => {
      expect(() => loadConfig(env))
        .to.throw(ConfigError)
        .with.property('message')
        .that.matches(new RegExp(`^Invalid configuration: ${name}: [^\\n]+$`));
    });
  }

  it('stops start-up with that one line and a non-zero exit', function () {
    this.timeout(30000);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 25000,
    });
    expect(result.status).to.equal(78);
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('npm warn'));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^Invalid configuration: PORT: /);
    expect(result.stdout).to.equal('');
  });

  it('does not start with TRUST_PROXY=true', function () {
    this.timeout(30000);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env: { ...process.env, TRUST_PROXY: 'true' },
      encoding: 'utf8',
      timeout: 25000,
    });
    expect(result.status).to.equal(78);
    expect(result.stderr).to.match(/^Invalid configuration: TRUST_PROXY: "true" would trust any X-Forwarded-For/m);
    expect(result.stdout).to.equal('');
  });
});
