/** Field "xay-dung-dang": a youth union secretary going digital, and a Front committee head. */
import type { Scenario } from './ctx.js';
import { fmt, money, round, upperFirst } from './text.js';

export const biThuChiDoan: Scenario = {
  id: 'bi-thu-chi-doan',
  field: 'xay-dung-dang',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const p = ctx.person(undefined, { young: true });
    const P = upperFirst(p.pronoun);
    const accounts = r.step(150, 900, 10);
    const members = r.int(18, 45);
    const before = Math.max(5, members - r.int(8, 20));
    const title = r.pick([
      `Bí thư Chi đoàn ${p.name} đưa chuyển đổi số về ${h.full}`,
      `${P} ${p.name} – “thủ lĩnh” thanh niên ${h.full}`,
    ]);
    return {
      title,
      summary: `${P} ${p.short}, Bí thư Chi đoàn ${h.full}, tập hợp ${members} đoàn viên hướng dẫn ${fmt(accounts)} người dân kích hoạt định danh điện tử, cài ứng dụng dịch vụ công và thanh toán không dùng tiền mặt.`,
      situation: `Khi ${p.pronoun} ${p.short} được bầu làm bí thư, chi đoàn chỉ còn ${before} đoàn viên sinh hoạt thường xuyên, phần lớn thanh niên đi làm xa; nhiều người cao tuổi ở ${h.full} không biết làm thủ tục trực tuyến.`,
      goals: `Củng cố tổ chức đoàn; mỗi đoàn viên là một “đại sứ số” hướng dẫn ít nhất mười hộ; phát triển đảng viên từ đoàn viên ưu tú.`,
      beneficiaries: `Người dân ${h.full}, nhất là người cao tuổi; đoàn viên thanh niên của chi đoàn.`,
      activities: `${P} ${p.short} chuyển sinh hoạt chi đoàn sang buổi tối, kết hợp trực tuyến cho đoàn viên ở xa; phân công mỗi đoàn viên phụ trách một nhóm hộ. Chi đoàn trực tại nhà văn hóa vào ngày nghỉ để hướng dẫn người dân làm thủ tục, mở tài khoản, cài ứng dụng; hỗ trợ người cao tuổi ngay tại nhà.`,
      leadBodies: `${P} ${p.name}; Chi đoàn ${h.full}.`,
      partnerBodies: `${org.youth}; ${org.police} (định danh điện tử); Chi bộ ${h.full}; doanh nghiệp viễn thông.`,
      nonState: `Đoàn viên tự túc phương tiện, điện thoại; doanh nghiệp viễn thông hỗ trợ sim, gói cước cho hộ khó khăn.`,
      results: `${ctx.since}, chi đoàn tăng lên ${members} đoàn viên sinh hoạt đều đặn; ${fmt(accounts)} người dân được hướng dẫn kích hoạt định danh điện tử, sử dụng dịch vụ công trực tuyến. ${r.int(1, 4)} đoàn viên ưu tú được giới thiệu kết nạp Đảng.`,
      sustainability: `Mô hình “đại sứ số” được ${org.youth} nhân rộng ra các chi đoàn trong ${commune}.`,
      holderName: p.name,
      holderRole: `Bí thư Chi đoàn ${h.full}`,
      contact: p,
      indicators: [
        { kindCode: 'people', name: 'Người dân được hướng dẫn sử dụng dịch vụ số', value: accounts, unit: 'người' },
        { kindCode: 'people', name: 'Đoàn viên sinh hoạt thường xuyên', value: members, unit: 'người' },
      ],
    };
  },
};

export const truongBanMatTran: Scenario = {
  id: 'truong-ban-mat-tran',
  field: 'xay-dung-dang',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const p = ctx.person(r.chance(0.6) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const fund = round(r.int(30, 260), 1);
    const houses = r.int(1, 5);
    const hh = r.int(110, 420);
    const title = r.pick([
      `${P} ${p.name} – Trưởng ban công tác Mặt trận “lấy dân làm gốc” ở ${h.full}`,
      `${P} ${p.name} và “Ngày hội Đại đoàn kết” ở ${h.full}`,
    ]);
    return {
      title,
      summary: `Là Trưởng ban công tác Mặt trận ${h.full}, ${p.pronoun} ${p.short} vận động ${money(fund)} cho Quỹ “Vì người nghèo”, giúp xây, sửa ${houses} căn nhà và giữ đoàn kết trong ${hh} hộ dân.`,
      situation: `${h.Full} đông hộ, nhiều dòng họ; có thời điểm mâu thuẫn đất đai, lối đi giữa các hộ kéo dài, các phong trào chung khó triển khai, quỹ vận động hằng năm đạt thấp.`,
      goals: `Tăng cường khối đại đoàn kết ở khu dân cư; mỗi năm vận động quỹ “Vì người nghèo” vượt chỉ tiêu; không để hộ nghèo nào ở nhà dột nát.`,
      beneficiaries: `${hh} hộ dân ${h.full}, trong đó ưu tiên hộ nghèo, cận nghèo, người cao tuổi neo đơn.`,
      activities: `${P} ${p.short} phân công các ủy viên ban công tác phụ trách từng cụm dân cư, nắm tình hình từng hộ; mọi khoản vận động đều được công khai trên bảng tin và nhóm Zalo của ${h.kind}. ${P} tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm với nhiều hoạt động văn hóa, thể thao, gắn với biểu dương gia đình văn hóa, trực tiếp hòa giải các vụ mâu thuẫn kéo dài.`,
      leadBodies: `${P} ${p.name}; Ban công tác Mặt trận ${h.full}.`,
      partnerBodies: `${org.mttq}; Chi bộ ${h.full}; các chi hội đoàn thể của ${h.kind}; con em xa quê.`,
      moneyMillion: fund,
      nonState: `Quỹ ${money(fund)} do Nhân dân, con em xa quê và các nhà hảo tâm đóng góp; Nhân dân góp ngày công xây, sửa nhà cho hộ khó khăn.`,
      results: `${ctx.since}, ${h.full} vận động được ${money(fund)}, xây, sửa ${houses} căn nhà cho hộ nghèo; ${r.int(3, 12)} vụ mâu thuẫn được hòa giải thành. Tỷ lệ hộ đạt danh hiệu gia đình văn hóa trên ${r.int(90, 98)}%.`,
      sustainability: `Cách làm công khai, dân chủ của ${p.pronoun} ${p.short} được ${org.mttq} giới thiệu để các ban công tác Mặt trận khác học tập.`,
      holderName: p.name,
      holderRole: `Trưởng ban công tác Mặt trận ${h.full}`,
      contact: p,
      indicators: [
        { kindCode: 'money_million', name: 'Quỹ “Vì người nghèo” vận động', value: fund, unit: 'triệu đồng' },
        { kindCode: 'houses', name: 'Nhà được xây, sửa cho hộ nghèo', value: houses, unit: 'căn' },
        { kindCode: 'households', name: 'Số hộ trong khu dân cư', value: hh, unit: 'hộ' },
      ],
      tags: ['ngheo'],
    };
  },
};
