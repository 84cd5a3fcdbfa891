import { expect } from 'chai';
import fc from 'fast-check';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  parseDate,
  parseNumber,
  type NumberRule,
} from '../../src/text/numbers.js';

const value = (input: unknown, rule?: NumberRule) => {
  const parsed = parseNumber(input, rule);
  if (!parsed.ok) throw new Error(`refused ${JSON.stringify(input)}: ${parsed.message}`);
  return parsed.value;
};
const refusal = (input: unknown, rule?: NumberRule) => {
  const parsed = parseNumber(input, rule);
  if (parsed.ok) throw new Error(`accepted ${JSON.stringify(input)} as ${parsed.value}`);
  return parsed.message;
};

describe('numbers as Vietnamese people write them', () => {
  describe('parseNumber', () => {
    it('reads "." as thousands and "," as decimals', () => {
      expect(value('1.250')).to.equal(1250);
      expect(value('2,8')).to.equal(2.8);
      expect(value('1.250,5')).to.equal(1250.5);
      expect(value('12.345.678,25')).to.equal(12345678.25);
      expect(value('0,5')).to.equal(0.5);
    });

    it('reads thousands grouped by a space, a no-break space or a narrow no-break space', () => {
      expect(value('1 250')).to.equal(1250);
      expect(value('1\u00a0250')).to.equal(1250);
      expect(value('1\u202f250,75')).to.equal(1250.75);
      expect(value('1 000 000')).to.equal(1000000);
    });

    it('reads plain digits, with spaces around', () => {
      expect(value('1250')).to.equal(1250);
      expect(value('  42 ')).to.equal(42);
      expect(value('0')).to.equal(0);
    });

    it('takes a JSON number as it is, under the same rule', () => {
      expect(value(1250.5)).to.equal(1250.5);
      expect(refusal(-1)).to.equal('Không nhận số âm.');
      expect(refusal(Number.NaN)).to.match(/^Số không hợp lệ/);
      expect(refusal(2.755)).to.equal('Tối đa 2 chữ số sau dấu phẩy (ví dụ: 2,75).');
      expect(value(2.75)).to.equal(2.75);
    });

    it('refuses "1.25": a "." group has exactly three digits', () => {
      for (const bad of ['1.25', '1.2', '12.50', '1.2500', '1.250.5', '1250.5', '.250']) {
        expect(refusal(bad), bad).to.equal(
          'Số không hợp lệ: viết 1.250 (một nghìn hai trăm năm mươi) hoặc 2,8 (hai phẩy tám).',
        );
      }
    });

    it('asks about "1,250" instead of guessing 1,25 or 1.250', () => {
      expect(refusal('1,250')).to.equal('Dấu phẩy đánh dấu phần thập phân; nếu ý là 1250, viết 1.250.');
      expect(value('1,25')).to.equal(1.25);
    });

    it('refuses more decimals than the field keeps', () => {
      expect(refusal('2,7512')).to.equal('Tối đa 2 chữ số sau dấu phẩy (ví dụ: 2,75).');
      expect(refusal('2,8', { integer: true })).to.match(/^Cần một số nguyên/);
      expect(refusal(2.5, { integer: true })).to.match(/^Cần một số nguyên/);
      expect(value('2.600', { integer: true })).to.equal(2600);
    });

    it('refuses negative numbers unless the field allows them', () => {
      for (const bad of ['-5', '−5', '-1.250,5']) expect(refusal(bad), bad).to.equal('Không nhận số âm.');
      expect(value('-1.250,5', { min: -1e6 })).to.equal(-1250.5);
      expect(value('-0')).to.equal(0);
    });

    it('refuses what is out of the field range, saying the range', () => {
      expect(refusal('1.000.000.001', { max: 1e9 })).to.equal('Số phải từ 0 đến 1.000.000.000.');
      expect(refusal('5', { min: 10, max: 20 })).to.equal('Số phải từ 10 đến 20.');
    });

    it('refuses nonsense with the example', () => {
      for (const bad of [
        '',
        ' ',
        'abc',
        '1,2,3',
        '1.250,',
        ',5',
        '1..250',
        '1 25',
        '12 3456',
        '1e3',
        '0x10',
        'Infinity',
        '1/2',
        '१२',
      ]) {
        expect(refusal(bad), bad).to.match(/^Số không hợp lệ: viết 1\.250/);
      }
      for (const bad of [null, undefined, true, {}, ['1']]) expect(refusal(bad)).to.match(/^Số không hợp lệ/);
    });
  });

  describe('formatNumber', () => {
    it('writes vi-VN', () => {
      expect(formatNumber(1250)).to.equal('1.250');
      expect(formatNumber(2.8)).to.equal('2,8');
      expect(formatNumber(1250.5)).to.equal('1.250,5');
      expect(formatNumber(1234567.25)).to.equal('1.234.567,25');
      expect(formatNumber(0)).to.equal('0');
      expect(formatNumber(null)).to.equal('');
      expect(formatNumber(Number.NaN)).to.equal('');
    });

    it('reads back what it writes, for integers and one or two decimals', () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => value(formatNumber(n), { max: 1e12 }) === n));
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
          const n = Number(`${whole}.${String(cents).padStart(2, '0')}`);
          return value(formatNumber(n), { max: 1e13 }) === n;
        }),
      );
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 9 }), (whole, tenth) => {
          const n = Number(`${whole}.${tenth}`);
          return value(formatNumber(n), { max: 1e10 }) === n;
        }),
      );
    });
  });

  describe('dates', () => {
    it('reads day/month/year and the ISO form of date pickers', () => {
      for (const typed of ['2/12/2026', '02/12/2026', '2-12-2026', '02.12.2026', ' 2026-12-02 ']) {
        expect(parseDate(typed), typed).to.deep.equal({ ok: true, value: '2026-12-02' });
      }
      expect(parseDate('29/02/2024')).to.deep.equal({ ok: true, value: '2024-02-29' });
    });

    it('refuses impossible or unreadable dates with the example', () => {
      for (const bad of ['30/02/2026', '29/02/2025', '12/31/2026', '2026-13-01', '2/12/26', '', 'hôm nay', null]) {
        expect(parseDate(bad)).to.deep.equal({
          ok: false,
          message: 'Ngày không hợp lệ: viết ngày/tháng/năm, ví dụ 02/12/2026.',
        });
      }
    });

    it('writes dd/mm/yyyy, instants on Vietnam time', () => {
      expect(formatDate('2026-12-02')).to.equal('02/12/2026');
      expect(formatDate(new Date('2026-12-01T17:30:00Z'))).to.equal('02/12/2026');
      expect(formatDate(new Date('2026-12-01T16:59:00Z'))).to.equal('01/12/2026');
      expect(formatDate(null)).to.equal('');
      expect(formatDateTime(new Date('2026-12-01T17:05:00Z'))).to.equal('00:05, 02/12/2026');
      expect(formatDateTime('2026-12-02T07:30:00.000Z')).to.equal('14:30, 02/12/2026');
      expect(formatDateTime('không phải ngày')).to.equal('');
    });
  });
});
