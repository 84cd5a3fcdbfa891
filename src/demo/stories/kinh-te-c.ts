/** Field "kinh-te" (economy): breeding-cow bank, OCOP producer, selling produce online, land for a community house. */
import type { Scenario } from './ctx.js';
import { dec, fmt, money, round, upperFirst, words } from './text.js';

export const nganHangBo: Scenario = {
  id: 'ngan-hang-bo',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const veterans = r.chance(0.5);
    const lead = veterans ? org.veterans : org.farmers;
    const cows = r.int(8, 30);
    const calves =
      ctx.years < 1
        ? 0
        : ctx.years === 1
          ? r.int(Math.ceil(cows * 0.3), Math.ceil(cows * 0.7))
          : r.int(Math.ceil(cows * 0.8), cows * 2);
    const hh = cows + (calves > 0 ? r.int(Math.floor(calves / 2), calves) : 0);
    const moneyM = round(cows * r.int(14, 20), 5);
    const contact = ctx.person('m');
    const short = veterans ? 'Hội Cựu chiến binh' : 'Hội Nông dân';
    const title = r.pick([
      `“Ngân hàng bò” giúp hộ nghèo ${commune}`,
      `Nuôi bò luân chuyển giúp hội viên thoát nghèo ở ${commune}`,
      `“Trao bò giống – trao sinh kế” của ${lead}`,
    ]);
    return {
      title,
      summary: `${lead} huy động ${money(moneyM)} mua ${cows} con bò cái giống giao cho hội viên nghèo nuôi; khi bò đẻ lứa đầu, bê được chuyển cho hộ khác${calves > 0 ? `, đến nay đã có ${hh} hộ hưởng lợi` : ''}.`,
      situation: `Năm ${ctx.startedYear}, ${commune} còn nhiều hộ nghèo, cận nghèo là hội viên; họ có sức lao động, có bãi chăn thả nhưng không có vốn mua con giống. Hỗ trợ tiền mặt trước đây nhiều khi bị dùng sai mục đích, không tạo được sinh kế lâu dài.`,
      goals: `Mỗi năm giao bò giống cho ít nhất ${words(r.int(5, 10))} hộ; bê đẻ ra được luân chuyển để ngày càng nhiều hộ được hưởng lợi; giúp hộ nhận bò thoát nghèo bền vững.`,
      beneficiaries: `Hội viên thuộc hộ nghèo, cận nghèo, hộ có hoàn cảnh khó khăn trong ${commune}; ưu tiên gia đình chính sách.`,
      activities: `${short} bình xét công khai tại chi hội để chọn hộ nhận bò, ký cam kết chăm sóc và giao lại bê đầu lòng. Cán bộ thú y hướng dẫn trồng cỏ, làm chuồng, tiêm phòng; các chi hội phân công hội viên có kinh nghiệm kèm cặp từng hộ. Hằng quý, ban chủ nhiệm kiểm tra đàn bò và kịp thời giải quyết khi bò ốm, chết.`,
      leadBodies: `${lead}.`,
      partnerBodies: `${org.mttq}; ${org.ubnd} (cán bộ thú y, khuyến nông); các doanh nghiệp, nhà hảo tâm.`,
      moneyMillion: moneyM,
      nonState: `${money(moneyM)} từ hội viên đóng góp, doanh nghiệp và con em quê hương ủng hộ; các hộ nhận bò tự làm chuồng, trồng cỏ.`,
      results:
        calves === 0
          ? `${ctx.since}, ${cows} con bò giống đã được giao cho ${cows} hộ; đàn bò phát triển tốt, ${r.int(2, Math.max(3, Math.floor(cows / 2)))} con đã phối giống thành công. Dự kiến từ năm sau sẽ có bê đầu lòng để luân chuyển cho các hộ tiếp theo.`
          : `${ctx.since}, từ ${cows} con bò giống ban đầu đã sinh được ${calves} con bê; ${hh} lượt hộ được nhận bò, trong đó ${r.int(Math.max(1, Math.floor(hh / 6)), Math.max(2, Math.floor(hh / 3)))} hộ đã thoát nghèo. Không có hộ nào làm thất thoát bò.`,
      sustainability: `Mô hình tự nhân lên nhờ cơ chế luân chuyển bê; hội vẫn tiếp tục vận động bổ sung vốn để mua thêm bò giống.`,
      holderName: lead,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ được nhận bò', value: hh, unit: 'hộ' },
        { kindCode: 'money_million', name: 'Kinh phí huy động mua bò giống', value: moneyM, unit: 'triệu đồng' },
        ...(calves > 0 ? [{ name: 'Bê sinh ra được luân chuyển', value: calves, unit: 'con' }] : []),
      ],
      tags: ['ngheo'],
    };
  },
};

export const ocop: Scenario = {
  id: 'ocop',
  field: 'kinh-te',
  type: 'individual',
  build(ctx) {
    const { rng: r, commune, org, crop } = ctx;
    const p = ctx.person(r.chance(0.6) ? 'f' : 'm');
    const P = upperFirst(p.pronoun);
    const stars = r.pick([3, 3, 3, 4]);
    const linked = r.int(25, 120);
    const workers = r.int(8, 35);
    const revenue = r.step(800, 6000, 50);
    const coop = `Hợp tác xã ${r.pick(['Nông nghiệp', 'Dịch vụ nông nghiệp', 'Sản xuất và tiêu thụ nông sản'])} ${r.pick(['Thành Công', 'Hợp Tiến', 'Phúc Lộc', 'Xanh', 'Đồng Tâm', 'Tân Phát'])} ${ctx.unit.name}`;
    const title = r.pick([
      `${P} ${p.name} và hành trình đưa ${crop.product} quê hương thành sản phẩm OCOP`,
      `${P} ${p.name} – Giám đốc hợp tác xã “kết nối” nông dân với thị trường`,
      `${P} ${p.name} liên kết ${linked} hộ ${crop.activity} ở ${commune}`,
    ]);
    return {
      title,
      summary: `Là Giám đốc ${coop}, ${p.pronoun} ${p.short} liên kết ${linked} hộ ${crop.activity}, xây dựng ${crop.product} đạt chuẩn OCOP ${stars} sao, tạo việc làm cho ${workers} lao động địa phương.`,
      situation: `${upperFirst(crop.product)} của ${commune} có tiếng nhưng chủ yếu bán thô, không nhãn mác; người dân thường bị ép giá lúc chính vụ. Nhiều lao động trẻ bỏ đi làm ăn xa.`,
      goals: `Xây dựng thương hiệu, đạt chứng nhận OCOP; bao tiêu sản phẩm cho các hộ liên kết với giá ổn định; tạo việc làm tại chỗ, nhất là cho phụ nữ và người lớn tuổi.`,
      beneficiaries: `${linked} hộ liên kết, ${workers} lao động làm việc thường xuyên tại hợp tác xã.`,
      activities: `${P} ${p.short} vận động các hộ góp vốn thành lập hợp tác xã, tự đi học quy trình chế biến, thiết kế bao bì, đăng ký mã số mã vạch. Hợp tác xã ký hợp đồng bao tiêu với giá sàn, ứng trước vật tư cho hộ khó khăn, bán hàng qua hội chợ và sàn thương mại điện tử. ${P} còn tham gia Ban chấp hành ${p.gender === 'f' ? org.women : org.farmers}, chia sẻ kinh nghiệm khởi nghiệp cho hội viên.`,
      leadBodies: `${P} ${p.name}; ${coop}.`,
      partnerBodies: `${org.ubnd}; ${p.gender === 'f' ? org.women : org.farmers}; Ngân hàng Chính sách xã hội; các trung tâm khuyến công, xúc tiến thương mại.`,
      moneyMillion: round(revenue * 0.1, 5),
      nonState: `Vốn góp của các thành viên và vốn vay ưu đãi khoảng ${money(round(revenue * 0.1, 5))} để đầu tư nhà xưởng, máy móc.`,
      results: `${ctx.since}, ${crop.product} của hợp tác xã được công nhận OCOP ${stars} sao, có mặt ở ${r.int(5, 30)} cửa hàng, siêu thị; doanh thu năm gần nhất khoảng ${money(revenue)}. Giá thu mua cho các hộ liên kết cao hơn thị trường ${r.int(5, 20)}%; ${workers} lao động có thu nhập ${r.int(5, 8)}–${r.int(9, 12)} triệu đồng/tháng.`,
      sustainability: `Hợp tác xã đã có thị trường ổn định và đang mở rộng vùng nguyên liệu; ${p.pronoun} ${p.short} nhận hướng dẫn cho ${words(r.int(2, 5))} tổ hợp tác khác làm hồ sơ OCOP.`,
      holderName: p.name,
      holderRole: `Giám đốc ${coop}`,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Số hộ liên kết', value: linked, unit: 'hộ' },
        { kindCode: 'people', name: 'Lao động có việc làm', value: workers, unit: 'người' },
        { name: 'Doanh thu năm', value: revenue, unit: 'triệu đồng' },
      ],
    };
  },
};

export const livestream: Scenario = {
  id: 'livestream-nong-san',
  field: 'kinh-te',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org, crop } = ctx;
    const members = r.int(8, 22);
    const orders = r.step(1500, 9000, 50);
    const tonnes = r.dec(20, 160, 1);
    const hh = r.int(60, 400);
    const revenue = round((tonnes * 1000 * r.int(crop.priceThousand[0], crop.priceThousand[1])) / 1000, 5);
    const contact = ctx.person(undefined, { young: true });
    const team = `Tổ thanh niên hỗ trợ tiêu thụ nông sản ${commune}`;
    const title = r.pick([
      `Đoàn viên thanh niên ${commune} livestream tiêu thụ nông sản`,
      `“Chợ nông sản online” của Đoàn Thanh niên ${commune}`,
      team,
    ]);
    return {
      title,
      summary: `${members} đoàn viên thanh niên ${commune} lập nhóm bán hàng trực tuyến, livestream giới thiệu ${crop.product} của bà con; đã tiêu thụ ${dec(tonnes)} tấn nông sản cho ${hh} hộ.`,
      situation: `Vào mùa thu hoạch, ${crop.product} của ${commune} thường bị thương lái ép giá, nhiều hộ lớn tuổi không biết bán hàng qua mạng. Trong khi đó, đoàn viên thanh niên có kỹ năng dùng điện thoại thông minh, mạng xã hội.`,
      goals: `Giúp các hộ tiêu thụ nông sản với giá ổn định; hướng dẫn ít nhất ${r.int(50, 150)} hộ mở gian hàng, thanh toán không dùng tiền mặt; phát huy vai trò xung kích của thanh niên trong chuyển đổi số.`,
      beneficiaries: `${hh} hộ sản xuất ${crop.name} và nông sản khác trên địa bàn ${commune}.`,
      activities: `Tổ chia thành các nhóm: chụp ảnh, quay video tại vườn; livestream vào buổi tối; đóng gói, giao hàng. Đoàn viên đến từng hộ hướng dẫn cài ứng dụng, mở tài khoản thanh toán, đăng sản phẩm lên sàn thương mại điện tử. ${org.youth} phối hợp với ${org.farmers} kiểm tra nguồn gốc, chất lượng hàng trước khi bán.`,
      leadBodies: `${org.youth}; ${team}.`,
      partnerBodies: `${org.farmers}; ${org.ubnd} (Tổ công nghệ số cộng đồng); bưu điện, các đơn vị vận chuyển.`,
      moneyMillion: round(members * r.int(1, 4), 1),
      nonState: `Đoàn viên tự trang bị điện thoại, đèn, giá đỡ; doanh nghiệp viễn thông hỗ trợ gói cước và thiết bị.`,
      results: `${ctx.since}, tổ đã thực hiện ${r.int(60, 300)} buổi livestream, chốt ${fmt(orders)} đơn hàng với ${dec(tonnes)} tấn nông sản, doanh thu cho bà con khoảng ${money(revenue)}. ${r.int(40, 150)} hộ đã tự bán hàng trên mạng xã hội.`,
      sustainability: `Tổ hoạt động thường xuyên, mỗi năm bổ sung đoàn viên mới; mô hình được Đoàn Thanh niên cấp trên giới thiệu để các cơ sở học tập.`,
      holderName: title === team ? team : org.youth,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ được hỗ trợ tiêu thụ', value: hh, unit: 'hộ' },
        { name: 'Nông sản tiêu thụ', value: tonnes, unit: 'tấn' },
        { name: 'Doanh thu cho người dân', value: revenue, unit: 'triệu đồng' },
      ],
    };
  },
};

export const hienDatNhaVanHoa: Scenario = {
  id: 'hien-dat-nha-van-hoa',
  field: 'kinh-te',
  type: 'individual',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const p = ctx.person(r.chance(0.7) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const land = round(r.int(250, 1200), 10);
    const value = round(land * r.dec(0.4, 2.5, 2), 10);
    const hh = r.int(90, 260);
    const [what, use] = r.pick([
      ['nhà văn hóa', 'nơi họp dân, sinh hoạt văn hóa, văn nghệ thường xuyên'],
      ['sân thể thao và nhà văn hóa', 'nơi họp dân, tập luyện thể thao, sinh hoạt văn hóa thường xuyên'],
      ['điểm trường mầm non', `nơi học tập khang trang của trẻ em trong ${h.kind}`],
    ] as const);
    const title = r.pick([
      `${P} ${p.name} hiến ${fmt(land)} m² đất xây dựng ${what} ${h.full}`,
      `Tấm lòng vì cộng đồng của ${p.pronoun} ${p.name} ở ${h.full}`,
    ]);
    const role = r.pick([
      `Đảng viên Chi bộ ${h.full}`,
      `Hội viên Hội Cựu chiến binh ${commune}`,
      `Người có uy tín ở ${h.full}`,
      `Người dân ${h.full}`,
    ]);
    return {
      title,
      summary: `${P} ${p.short} tự nguyện hiến ${fmt(land)} m² đất ở, đất vườn (trị giá khoảng ${money(value)}) để ${h.full} xây dựng ${what}, đồng thời vận động con cháu, dòng họ cùng góp công, góp của.`,
      situation: `${h.Full} chưa có ${what} đạt chuẩn, khu đất cũ chật hẹp, xuống cấp, không đủ diện tích theo tiêu chí nông thôn mới. Quỹ đất công không còn, ${h.kind} nhiều lần họp nhưng chưa có phương án.`,
      goals: `Có địa điểm sinh hoạt cộng đồng rộng rãi, đạt chuẩn; khơi dậy tinh thần “người có đất góp đất, người có công góp công” trong Nhân dân.`,
      beneficiaries: `${hh} hộ dân ${h.full}; các tổ chức đoàn thể, câu lạc bộ văn hóa, thể thao của ${h.kind}.`,
      activities: `Sau khi bàn với gia đình, ${p.pronoun} ${p.short} chủ động gặp Chi bộ đề xuất hiến đất, tự làm thủ tục tách thửa. ${P} vận động các con góp thêm ${money(round(value * 0.1, 5))} và nhận trông coi trong thời gian thi công. Chi bộ, Ban công tác Mặt trận lấy việc làm của ${p.pronoun} để vận động các hộ khác góp tiền, ngày công.`,
      leadBodies: `${P} ${p.name}; Chi bộ ${h.full}.`,
      partnerBodies: `Ban công tác Mặt trận ${h.full}; ${org.ubnd}; các đoàn thể của ${h.kind}.`,
      moneyMillion: round(value * 0.1, 5),
      nonState: `Giá trị đất hiến khoảng ${money(value)}; gia đình ${p.pronoun} ${p.short} góp thêm ${money(round(value * 0.1, 5))}; Nhân dân trong ${h.kind} đóng góp ngày công xây dựng.`,
      results: `${ctx.since}, ${what} của ${h.full} đã được xây dựng trên khu đất do ${p.pronoun} ${p.short} hiến, trở thành ${use}. Việc làm của ${p.pronoun} đã lan tỏa, ${r.int(5, 20)} hộ khác trong ${h.kind} hiến đất mở rộng ngõ xóm.`,
      sustainability: `Công trình được giao Ban công tác Mặt trận quản lý; tấm gương của ${p.pronoun} ${p.short} được ${commune} tuyên truyền rộng rãi trên hệ thống truyền thanh cơ sở.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'land_m2', name: 'Diện tích đất hiến', value: land, unit: 'm²' },
        { kindCode: 'households', name: 'Số hộ hưởng lợi', value: hh, unit: 'hộ' },
      ],
      tags: ['ntm'],
    };
  },
};
