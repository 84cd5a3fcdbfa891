/** Field "xay-dung-dang": new Party members, community supervision, a women's leader, land clearance, a land officer. */
import type { Scenario } from './ctx.js';
import { fmt, lowerFirst, money, pct, round, upperFirst, words } from './text.js';

export const phatTrienDangVien: Scenario = {
  id: 'phat-trien-dang-vien',
  field: 'xay-dung-dang',
  type: 'collective',
  where: 'rural',
  fits: (region) => Boolean(region.ethnicGroups),
  build(ctx) {
    const { rng: r, commune, org, region, hamlet: h } = ctx;
    const newMembers = r.int(8, 32);
    const ethnic = Math.max(1, newMembers - r.int(1, 6));
    const white = r.int(1, 5);
    const contact = ctx.person();
    const unitWord = h.kind === 'làng' || h.kind === 'bon' ? `${h.kind}` : 'thôn, bản';
    const title = r.pick([
      `Xóa “${unitWord} trắng” đảng viên ở ${commune}`,
      `Phát triển đảng viên trong đồng bào dân tộc thiểu số ${commune}`,
      `${org.party} “ươm mầm” đảng viên từ người có uy tín, đoàn viên trẻ`,
    ]);
    return {
      title,
      summary: `${org.party} kết nạp ${newMembers} đảng viên mới, trong đó ${ethnic} người là đồng bào ${region.ethnicGroups}; xóa ${white} ${unitWord} chưa có đảng viên và thành lập chi bộ riêng.`,
      situation: `Năm ${ctx.startedYear}, ${commune} còn ${white} ${unitWord} chưa có đảng viên hoặc chưa có chi bộ riêng, phải sinh hoạt ghép; nguồn quần chúng ưu tú ít do trình độ học vấn thấp, nhiều thanh niên đi làm ăn xa.`,
      goals: `Không còn ${unitWord} “trắng” đảng viên; mỗi năm kết nạp ít nhất ${words(r.int(5, 8))} đảng viên là người dân tộc thiểu số; 100% ${unitWord} có chi bộ riêng.`,
      beneficiaries: `Quần chúng ưu tú là đoàn viên, người có uy tín, trưởng ${h.kind} ở các ${unitWord} vùng đồng bào dân tộc thiểu số của ${commune}.`,
      activities: `Đảng ủy giao chỉ tiêu, phân công cấp ủy viên phụ trách từng ${h.kind}; các chi bộ lập danh sách quần chúng ưu tú, cử đảng viên giúp đỡ, kèm cặp. Đảng ủy phối hợp mở lớp nhận thức về Đảng ngay tại xã, dịch tài liệu sang tiếng đồng bào khi cần. Đoàn Thanh niên giới thiệu đoàn viên ưu tú; người có uy tín được động viên, tạo điều kiện phấn đấu vào Đảng.`,
      leadBodies: `${org.party}.`,
      partnerBodies: `${org.youth}; ${org.mttq}; các chi bộ ${unitWord}; ${org.police}.`,
      nonState: `Không phát sinh kinh phí ngoài kinh phí hoạt động đảng; đảng viên tự bố trí thời gian kèm cặp quần chúng.`,
      results: `${ctx.since}, ${org.party} đã kết nạp ${newMembers} đảng viên, trong đó ${ethnic} đảng viên người dân tộc thiểu số, ${r.int(2, Math.max(3, Math.floor(newMembers / 3)))} đảng viên nữ; ${white} ${unitWord} đã có chi bộ riêng. Nhiều đảng viên trẻ trở thành trưởng ${h.kind}, bí thư chi đoàn.`,
      sustainability: `Việc tạo nguồn được duy trì từ các tổ chức đoàn thể; quy trình kèm cặp quần chúng được đưa vào quy chế làm việc của Đảng ủy.`,
      holderName: org.party,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'people', name: 'Đảng viên mới được kết nạp', value: newMembers, unit: 'người' },
        { name: 'Thôn, bản được xóa “trắng” đảng viên', value: white, unit: 'thôn, bản' },
      ],
    };
  },
};

export const giamSatCongDong: Scenario = {
  id: 'giam-sat-cong-dong',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const works = r.int(5, 22);
    const value = round(works * r.int(400, 2500), 10);
    const issues = r.int(3, 18);
    const recovered = round(r.dec(15, 220, 1), 0.5);
    const contact = ctx.person('m');
    const board = r.pick([`Ban Thanh tra nhân dân ${commune}`, `Ban Giám sát đầu tư của cộng đồng ${commune}`]);
    const title = r.pick([
      `${board} – “tai mắt” của Nhân dân`,
      `Giám sát đầu tư của cộng đồng ở ${commune}`,
      `Mặt trận ${commune} phát huy vai trò giám sát công trình dân sinh`,
    ]);
    return {
      title,
      summary: `${board} giám sát ${works} công trình với tổng vốn ${money(value)}, phát hiện và kiến nghị khắc phục ${issues} sai sót về khối lượng, chất lượng; người dân yên tâm đóng góp.`,
      situation: `Nhiều công trình đường, trường học, nhà văn hóa trên địa bàn có vốn Nhân dân đóng góp, nhưng trước đây việc giám sát chủ yếu do chủ đầu tư tự làm; người dân lo ngại thất thoát nên chậm đóng góp.`,
      goals: `100% công trình có vốn Nhân dân đóng góp được giám sát; kịp thời phát hiện, kiến nghị sai phạm; công khai kết quả giám sát đến Nhân dân.`,
      beneficiaries: `Nhân dân ${commune} và các công trình dân sinh trên địa bàn.`,
      activities: `${org.mttq} lựa chọn thành viên là người có chuyên môn xây dựng, kế toán, cựu chiến binh, người có uy tín. Ban được tập huấn, được cung cấp hồ sơ thiết kế, dự toán; thành viên thay nhau có mặt ở công trình vào các thời điểm đổ bê tông, nghiệm thu. Kết quả giám sát được báo cáo tại hội nghị Mặt trận và thông báo trên loa truyền thanh, nhóm Zalo các ${ctx.thon}.`,
      leadBodies: `${org.mttq}; ${board}.`,
      partnerBodies: `${org.ubnd}; ${org.veterans}; Trưởng các thôn, tổ dân phố; đơn vị thi công.`,
      nonState: `Thành viên ban làm việc tình nguyện, chỉ nhận phụ cấp theo quy định.`,
      results: `${ctx.since}, ${board} giám sát ${works} công trình (${money(value)}); kiến nghị khắc phục ${issues} sai sót, giảm trừ khối lượng khoảng ${money(recovered)}. Không công trình nào có đơn thư phản ánh sau khi bàn giao.`,
      sustainability: `Quy trình giám sát được ban hành thành quy chế phối hợp giữa ${org.mttq} và ${org.ubnd}, duy trì hằng năm.`,
      holderName: board,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Công trình được giám sát', value: works, unit: 'công trình' },
        { name: 'Tổng vốn công trình được giám sát', value: value, unit: 'triệu đồng' },
        { name: 'Sai sót được kiến nghị khắc phục', value: issues, unit: 'việc' },
      ],
      tags: ['chinhquyen'],
    };
  },
};

export const chiHoiTruongPhuNu: Scenario = {
  id: 'chi-hoi-truong-phu-nu',
  field: 'xay-dung-dang',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const p = ctx.person('f', { young: r.chance(0.4) });
    const P = upperFirst(p.pronoun);
    const before = r.int(35, 80);
    const after = before + r.int(15, 60);
    const fund = round(r.int(20, 150), 1);
    const title = r.pick([
      `${P} ${p.name} – chi hội trưởng phụ nữ “nói được, làm được” ở ${h.full}`,
      `${P} ${p.name} và cách thu hút hội viên trẻ ở ${h.full}`,
    ]);
    return {
      title,
      summary: `Từ khi ${p.pronoun} ${p.short} làm Chi hội trưởng, Chi hội Phụ nữ ${h.full} tăng từ ${before} lên ${after} hội viên, lập quỹ ${money(fund)} giúp nhau phát triển kinh tế và được xếp loại chi hội vững mạnh.`,
      situation: `Chi hội Phụ nữ ${h.full} trước đây sinh hoạt đơn điệu, chủ yếu phổ biến văn bản; phụ nữ trẻ đi làm công ty ít tham gia, nhiều hội viên muốn rút khỏi hội.`,
      goals: `Thu hút phụ nữ trẻ vào hội; đổi mới nội dung sinh hoạt; mỗi năm giúp ít nhất ${words(r.int(2, 5))} hội viên nghèo có sinh kế.`,
      beneficiaries: `${after} hội viên phụ nữ và gia đình ở ${h.full}.`,
      activities: `${P} ${p.short} chuyển giờ sinh hoạt sang buổi tối cuối tuần, lồng ghép chuyên đề nuôi dạy con, chăm sóc sức khỏe, kỹ năng bán hàng trực tuyến; lập nhóm Zalo để hội viên đi làm xa vẫn nắm được thông tin. ${P} vận động hội viên góp quỹ, nuôi lợn đất, thu gom phế liệu để giúp hội viên khó khăn và trực tiếp hòa giải nhiều vụ mâu thuẫn gia đình.`,
      leadBodies: `${P} ${p.name}; Chi hội Phụ nữ ${h.full}.`,
      partnerBodies: `${org.women}; Chi bộ, Ban công tác Mặt trận ${h.full}; Ngân hàng Chính sách xã hội.`,
      moneyMillion: fund,
      nonState: `Quỹ hội ${money(fund)} do hội viên đóng góp, bán phế liệu và nhà hảo tâm ủng hộ.`,
      results: `${ctx.since}, chi hội phát triển thêm ${after - before} hội viên, ${r.int(3, 12)} hội viên được vay vốn từ quỹ, ${r.int(1, 5)} hộ thoát nghèo; không có bạo lực gia đình trong chi hội. ${P} ${p.short} được Hội Liên hiệp Phụ nữ cấp trên tặng giấy khen.`,
      sustainability: `Cách sinh hoạt mới được ${org.women} hướng dẫn các chi hội khác áp dụng; chi hội đã có lớp cán bộ kế cận.`,
      holderName: p.name,
      holderRole: `Chi hội trưởng Chi hội Phụ nữ ${h.full}`,
      contact: p,
      indicators: [
        { kindCode: 'people', name: 'Hội viên phụ nữ', value: after, unit: 'người' },
        { kindCode: 'money_million', name: 'Quỹ hội huy động', value: fund, unit: 'triệu đồng' },
      ],
    };
  },
};

const PROJECTS = [
  'dự án đường cao tốc',
  'dự án mở rộng quốc lộ',
  'dự án khu công nghiệp',
  'dự án đường tỉnh',
  'dự án hồ chứa nước',
  'dự án khu tái định cư',
];
const LINEAR = /đường|quốc lộ/;

export const giaiPhongMatBang: Scenario = {
  id: 'giai-phong-mat-bang',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org, region } = ctx;
    const project =
      ['42', '33', 'f34', 'f44'].includes(region.key) &&
      ctx.startedYear >= 2023 &&
      ctx.startedYear <= 2024 &&
      r.chance(0.5)
        ? 'dự án đường dây 500 kV mạch 3'
        : r.pick(PROJECTS);
    const hh = r.int(45, 420);
    const area = round(hh * r.int(150, 900), 100);
    const compensation = round(area * r.dec(0.05, 0.4, 2), 10);
    const days = r.int(60, 240);
    const contact = ctx.person('m');
    const title = r.pick([
      `Dân vận khéo trong giải phóng mặt bằng ${project} ở ${commune}`,
      `Tổ công tác dân vận “3 cùng” trong giải phóng mặt bằng ${project}, ${commune}`,
    ]);
    return {
      title,
      summary: `Tổ công tác dân vận của ${commune} “cùng ăn, cùng ở, cùng làm” với dân, vận động ${hh} hộ bàn giao ${fmt(area)} m² mặt bằng cho ${project} trong ${days} ngày, không phải cưỡng chế.`,
      situation: `${upperFirst(project)} ${LINEAR.test(project) ? 'đi qua' : 'triển khai trên'} địa bàn ${commune}, ảnh hưởng đến đất ở, đất sản xuất, mồ mả của nhiều hộ; ban đầu nhiều hộ chưa đồng thuận với đơn giá bồi thường, có hộ bị kẻ xấu kích động khiếu kiện.`,
      goals: `Bàn giao mặt bằng đúng tiến độ; bảo đảm quyền lợi hợp pháp của người dân; không có khiếu kiện đông người, không phải cưỡng chế.`,
      beneficiaries: `${hh} hộ bị ảnh hưởng bởi dự án; Nhân dân ${commune} hưởng lợi từ công trình.`,
      activities: `${org.party} thành lập tổ công tác gồm cấp ủy viên, cán bộ Mặt trận, địa chính, công an, trưởng thôn; mỗi thành viên phụ trách một nhóm hộ. Mọi phương án bồi thường, hỗ trợ được niêm yết, đối thoại công khai; tổ đến từng nhà nghe dân trình bày, giải đáp từng kiến nghị. Đảng viên, người thân của cán bộ có đất bị thu hồi gương mẫu bàn giao trước.`,
      leadBodies: `${org.party}; tổ công tác dân vận của ${commune}.`,
      partnerBodies: `${org.ubnd}; ${org.mttq}; ${org.police}; chủ đầu tư và đơn vị tư vấn bồi thường.`,
      nonState: `Chủ đầu tư chi trả bồi thường, hỗ trợ khoảng ${money(compensation)}; cán bộ tổ công tác làm việc cả ngày nghỉ.`,
      results: `${ctx.since}, ${hh}/${hh} hộ đã nhận tiền bồi thường và bàn giao ${fmt(area)} m² mặt bằng sau ${days} ngày, vượt tiến độ được giao; không có khiếu kiện đông người, không phải cưỡng chế. Các hộ phải di dời đã được bố trí tái định cư, hỗ trợ chuyển đổi nghề.`,
      sustainability: `Kinh nghiệm “dân vận đi trước, công khai, minh bạch” được ${org.party} tổng kết, áp dụng cho các dự án tiếp theo trên địa bàn.`,
      holderName: r.pick([org.party, `Tổ công tác dân vận ${commune}`]),
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ bàn giao mặt bằng', value: hh, unit: 'hộ' },
        { name: 'Diện tích mặt bằng bàn giao', value: area, unit: 'm²' },
        { name: 'Kinh phí bồi thường, hỗ trợ', value: compensation, unit: 'triệu đồng' },
      ],
      tags: ['chinhquyen'],
    };
  },
};

export const canBoDiaChinh: Scenario = {
  id: 'can-bo-dia-chinh',
  field: 'xay-dung-dang',
  type: 'individual',
  build(ctx) {
    const { rng: r, commune } = ctx;
    const p = ctx.person(r.chance(0.6) ? 'm' : 'f', { young: r.chance(0.5) });
    const P = upperFirst(p.pronoun);
    const role =
      ctx.startedYear >= 2025
        ? `Chuyên viên Phòng Kinh tế UBND ${commune}`
        : `Công chức Địa chính – Xây dựng UBND ${commune}`;
    const certs = r.int(120, 900);
    const disputes = r.int(8, 40);
    const title = r.pick([
      `${P} ${p.name} – cán bộ địa chính “gần dân, vì dân” của ${commune}`,
      `${P} ${p.name}: “Hồ sơ của dân không để qua đêm”`,
    ]);
    return {
      title,
      summary: `Là ${lowerFirst(role)}, ${p.pronoun} ${p.short} giúp ${certs} hộ hoàn thiện hồ sơ cấp giấy chứng nhận quyền sử dụng đất, trực tiếp tham gia giải quyết ${disputes} vụ tranh chấp đất đai ngay từ cơ sở.`,
      situation: `Nhiều hộ ở ${commune} sử dụng đất lâu năm nhưng chưa được cấp giấy chứng nhận do thiếu giấy tờ, sai lệch bản đồ; tranh chấp ranh giới đất chiếm phần lớn đơn thư của xã.`,
      goals: `Giải quyết dứt điểm hồ sơ tồn đọng; không để người dân đi lại nhiều lần; giảm đơn thư về đất đai.`,
      beneficiaries: `Người dân có nhu cầu về thủ tục đất đai và các hộ có tranh chấp trên địa bàn ${commune}.`,
      activities: `${P} ${p.short} lập danh sách hồ sơ tồn đọng, về từng ${ctx.thon} hướng dẫn trực tiếp, có hôm làm đến tối để người dân đi làm về vẫn kịp nộp. Với tranh chấp, ${p.pronoun} cùng tổ hòa giải đo đạc lại, đối chiếu bản đồ và giải thích để các bên tự thỏa thuận. ${P} công khai số điện thoại để người dân hỏi bất cứ lúc nào.`,
      leadBodies: `${P} ${p.name}; ${ctx.org.ubnd}.`,
      partnerBodies: `Tổ hòa giải các ${ctx.thon}; ${ctx.org.mttq}; chi nhánh văn phòng đăng ký đất đai.`,
      nonState: `${P} ${p.short} tự túc phương tiện, làm thêm ngoài giờ không tính thù lao.`,
      results: `${ctx.since}, ${certs} hồ sơ được hoàn thiện và cấp giấy chứng nhận, ${pct(r.dec(0.97, 1, 3))} đúng hạn; ${disputes} vụ tranh chấp được hòa giải thành, đơn thư về đất đai giảm mạnh.`,
      sustainability: `Cách làm “đến tận nơi, nói đến nơi” được UBND ${ctx.xa} áp dụng cho các bộ phận tiếp dân khác.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { name: 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất được hỗ trợ', value: certs, unit: 'hồ sơ' },
        { name: 'Vụ tranh chấp đất đai được hòa giải thành', value: disputes, unit: 'vụ' },
      ],
    };
  },
};
