/** Field "quoc-phong-an-ninh": individuals who mobilise young men for military service and help former drug users. */
import type { Scenario } from './ctx.js';
import { money, round, upperFirst, words } from './text.js';

export const vanDongNhapNgu: Scenario = {
  id: 'van-dong-nhap-ngu',
  field: 'quoc-phong-an-ninh',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const p = ctx.person('m');
    const P = upperFirst(p.pronoun);
    const recruits = r.int(6, 28);
    const families = recruits + r.int(5, 30);
    const role = r.pick([`Trưởng ${h.full}`, `Chi hội trưởng Cựu chiến binh ${h.full}`, `Thôn đội trưởng ${h.full}`]);
    const gift = round(recruits * r.dec(0.5, 1.5, 1), 0.5);
    const title = r.pick([
      `${P} ${p.name} – người “tiễn” thanh niên ${h.full} lên đường nhập ngũ`,
      `${P} ${p.name} vận động thanh niên ${h.full} hăng hái thực hiện nghĩa vụ quân sự`,
    ]);
    return {
      title,
      summary: `Là ${role.charAt(0).toLowerCase() + role.slice(1)}, ${p.pronoun} ${p.short} kiên trì đến từng gia đình có con trong độ tuổi nhập ngũ; ${recruits} thanh niên ${h.full} đã tự nguyện lên đường, ${h.kind} không có trường hợp trốn, né tránh nghĩa vụ quân sự.`,
      situation: `Một số gia đình ở ${h.full} muốn giữ con ở nhà làm kinh tế hoặc đi làm công ty; có thanh niên tìm cách né tránh khám tuyển, ảnh hưởng đến việc hoàn thành chỉ tiêu giao quân của ${commune}.`,
      goals: `Không có thanh niên trốn, né tránh nghĩa vụ quân sự; các gia đình hiểu và tự nguyện động viên con em nhập ngũ; thanh niên xuất ngũ được giới thiệu việc làm.`,
      beneficiaries: `${families} gia đình có con trong độ tuổi nhập ngũ ở ${h.full}; thanh niên hoàn thành nghĩa vụ trở về địa phương.`,
      activities: `${P} ${p.short} nắm danh sách thanh niên từ 17 tuổi, đến nhà trò chuyện với cả bố mẹ lẫn các em, kể những câu chuyện về quân ngũ bằng chính trải nghiệm của mình. Trước ngày giao quân, ${p.pronoun} vận động các hộ trong ${h.kind} góp quà động viên, tổ chức buổi gặp mặt tân binh. Khi các em xuất ngũ, ${p.pronoun} cùng chi đoàn giới thiệu việc làm, vay vốn khởi nghiệp.`,
      leadBodies: `${P} ${p.name}; Chi bộ ${h.full}.`,
      partnerBodies: `${org.military}; ${org.youth}; ${org.veterans}; Ban công tác Mặt trận ${h.full}.`,
      moneyMillion: gift,
      nonState: `Nhân dân trong ${h.kind} góp ${money(gift)} mua quà tặng tân binh và hỗ trợ gia đình khó khăn có con nhập ngũ.`,
      results: `${ctx.since}, ${recruits} thanh niên ${h.full} lên đường nhập ngũ, ${r.int(1, Math.max(2, Math.floor(recruits / 4)))} em được kết nạp Đảng trong quân đội; ${words(r.int(2, 6))} thanh niên xuất ngũ đã có việc làm ổn định. ${upperFirst(commune)} hoàn thành chỉ tiêu giao quân hằng năm.`,
      sustainability: `Cách vận động “đến từng nhà, nói bằng chuyện thật” được ${org.military} phổ biến cho các thôn đội trưởng khác.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'people', name: 'Thanh niên lên đường nhập ngũ', value: recruits, unit: 'người' },
        { kindCode: 'households', name: 'Gia đình được vận động', value: families, unit: 'hộ' },
      ],
    };
  },
};

export const giupNguoiSauCaiNghien: Scenario = {
  id: 'giup-nguoi-sau-cai-nghien',
  field: 'quoc-phong-an-ninh',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const p = ctx.person(r.chance(0.6) ? 'f' : 'm');
    const P = upperFirst(p.pronoun);
    const helped = r.int(4, 16);
    const stable = Math.max(1, helped - r.int(0, 3));
    const jobs = r.int(2, stable);
    const role = p.gender === 'f' ? `Chi hội trưởng Phụ nữ ${h.full}` : `Trưởng Ban công tác Mặt trận ${h.full}`;
    const title = r.pick([
      `${P} ${p.name} – “người đỡ đầu” của người sau cai nghiện ở ${h.full}`,
      `${P} ${p.name} giúp người lầm lỗi ở ${h.full} làm lại cuộc đời`,
    ]);
    return {
      title,
      summary: `${P} ${p.short} nhận đỡ đầu ${helped} người sau cai nghiện ma túy, chấp hành xong án phạt tù ở ${h.full}; ${stable} người không tái nghiện, tái phạm, ${jobs} người đã có việc làm ổn định.`,
      situation: `${h.Full} có một số người từng nghiện ma túy, vi phạm pháp luật; khi trở về, họ bị xa lánh, khó tìm việc làm nên dễ tái nghiện, tái phạm, gia đình mệt mỏi, bế tắc.`,
      goals: `Giúp người sau cai nghiện, người chấp hành xong án phạt tù hòa nhập cộng đồng; không để tái nghiện, tái phạm; xóa bỏ tâm lý kỳ thị trong Nhân dân.`,
      beneficiaries: `${helped} người sau cai nghiện, chấp hành xong án phạt tù và gia đình họ ở ${h.full}.`,
      activities: `${P} ${p.short} đến tận nhà thăm hỏi, lắng nghe, coi họ như con cháu trong nhà; phối hợp với công an theo dõi, kịp thời nhắc nhở khi có biểu hiện tiêu cực. ${P} vận động các hộ kinh doanh nhận họ vào làm, giới thiệu vay vốn Ngân hàng Chính sách xã hội, đồng thời tuyên truyền để bà con không kỳ thị.`,
      leadBodies: `${P} ${p.name}; ${org.police}.`,
      partnerBodies: `${org.mttq}; ${p.gender === 'f' ? org.women : org.veterans}; Chi đoàn ${h.full}; các hộ kinh doanh trên địa bàn.`,
      nonState: `${P} ${p.short} tự bỏ chi phí thăm hỏi; các hộ kinh doanh nhận người lầm lỗi vào làm việc, hỗ trợ dụng cụ lao động.`,
      results: `${ctx.since}, ${stable}/${helped} người được đỡ đầu không tái nghiện, tái phạm; ${jobs} người có việc làm ổn định, ${r.int(1, Math.max(1, jobs))} người đã lập gia đình, làm kinh tế khá. Không khí xóm giềng ở ${h.full} cởi mở, không còn kỳ thị.`,
      sustainability: `Cách làm được ${org.police} và ${org.mttq} nhân rộng thành mô hình “cảm hóa, giúp đỡ người lầm lỗi” ở các ${ctx.thon} khác.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'people', name: 'Người sau cai nghiện, lầm lỗi được đỡ đầu', value: helped, unit: 'người' },
        { kindCode: 'people', name: 'Người có việc làm ổn định', value: jobs, unit: 'người' },
      ],
    };
  },
};
