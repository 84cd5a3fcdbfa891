/** Field "kinh-te" (economy): land consolidation, a model farmer, canals, street lighting. */
import type { Scenario } from './ctx.js';
import { dec, fmt, money, round, upperFirst, words } from './text.js';

export const donDienDoiThua: Scenario = {
  id: 'don-dien-doi-thua',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const hh = r.int(160, 620);
    const area = r.dec(35, 180, 1);
    const before = r.dec(5, 9, 1);
    const after = r.dec(1.4, 2.4, 1);
    const canal = r.dec(2, 9, 1);
    const landGiven = round(canal * r.int(1200, 2600), 50);
    const workDays = round(hh * r.int(3, 7), 10);
    const moneyM = round(canal * r.int(80, 200), 5);
    const head = ctx.person('m');
    const title = r.pick([
      `Dân vận khéo trong dồn điền, đổi thửa ở ${h.full}`,
      `Dồn điền, đổi thửa gắn với chỉnh trang đồng ruộng ${h.full}, ${commune}`,
      `“Ruộng liền bờ, đường ra đồng” ở ${h.full}`,
    ]);
    return {
      title,
      summary: `${hh} hộ ${h.full} thống nhất dồn điền, đổi thửa ${dec(area)} ha đất lúa, giảm bình quân từ ${dec(before)} thửa xuống còn ${dec(after)} thửa/hộ; cùng hiến ${fmt(landGiven)} m² đất làm ${dec(canal)} km đường, kênh mương nội đồng.`,
      situation: `Ruộng đất ở ${h.full} manh mún, mỗi hộ có ${dec(before)} thửa nằm rải rác nhiều xứ đồng, không đưa được máy gặt, máy cày vào; nhiều diện tích bị bỏ hoang vì sản xuất không có lãi. Các lần bàn dồn thửa trước đây đều dừng lại vì người dân lo bị thiệt.`,
      goals: `Mỗi hộ còn 1–2 thửa; quy hoạch lại hệ thống giao thông, thủy lợi nội đồng; tạo cánh đồng lớn để cơ giới hóa và thu hút doanh nghiệp liên kết.`,
      beneficiaries: `${hh} hộ có đất sản xuất nông nghiệp của ${h.full}; hợp tác xã dịch vụ nông nghiệp của ${commune}.`,
      activities: `Ban chỉ đạo thôn đo đạc, lập phương án và dán công khai tại nhà văn hóa để người dân góp ý; phương án được thông qua sau ${words(r.int(3, 5))} lần họp dân. Mỗi hộ góp ${r.pick(['3', '4', '5'])}% diện tích để làm đường, kênh mương; thửa xa, thửa xấu được bù chênh lệch theo hệ số do dân tự bàn. Đảng viên, cán bộ thôn nhận ruộng xa, ruộng xấu trước để tạo niềm tin.`,
      leadBodies: `Chi bộ ${h.full}; Ban chỉ đạo dồn điền, đổi thửa ${h.full}.`,
      partnerBodies: `${org.ubnd} (công chức địa chính hướng dẫn đo đạc, chỉnh lý hồ sơ); ${org.mttq}; ${org.farmers}.`,
      moneyMillion: moneyM,
      workDays,
      nonState: `Nhân dân góp ${fmt(landGiven)} m² đất, ${fmt(workDays)} ngày công và ${money(moneyM)} để đắp đường, xây cống.`,
      results: `${ctx.since}, ${dec(area)} ha đã được dồn đổi xong, bình quân ${dec(after)} thửa/hộ; ${dec(canal)} km đường và kênh mương nội đồng được đắp mới. ${r.int(85, 100)}% diện tích đã được cơ giới hóa khâu làm đất và thu hoạch; chi phí sản xuất giảm khoảng ${r.int(15, 30)}%. Không có khiếu kiện; ${r.int(90, 100)}% hộ đã được cấp đổi giấy chứng nhận quyền sử dụng đất.`,
      sustainability: `Hợp tác xã tổ chức sản xuất tập trung trên cánh đồng mới; cách làm công khai, dân chủ của ${h.full} được ${commune} nhân rộng ra ${words(r.int(3, 7))} thôn.`,
      holderName: `Nhân dân và Chi bộ ${h.full}`,
      holderRole: 'Tập thể',
      contact: head,
      indicators: [
        { kindCode: 'households', name: 'Số hộ tham gia dồn điền, đổi thửa', value: hh, unit: 'hộ' },
        { name: 'Diện tích dồn điền, đổi thửa', value: area, unit: 'ha' },
        {
          kindCode: 'land_m2',
          name: 'Diện tích đất hiến làm đường, kênh mương nội đồng',
          value: landGiven,
          unit: 'm²',
        },
        { kindCode: 'work_days', name: 'Ngày công đóng góp', value: workDays, unit: 'ngày công' },
      ],
      tags: ['ntm'],
    };
  },
};

export const nongDanGioi: Scenario = {
  id: 'nong-dan-gioi',
  field: 'kinh-te',
  type: 'individual',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, org, crop } = ctx;
    const p = ctx.person(r.chance(0.7) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const veteran = p.gender === 'm' && r.chance(0.4);
    const area = r.dec(2, 12, 1);
    const income = r.step(300, 1500, 10);
    const jobs = r.int(6, 28);
    const helped = r.int(5, 22);
    const helpMoney = round(helped * r.int(5, 15), 5);
    const role = veteran
      ? `Cựu chiến binh, chủ mô hình ${crop.activity} ở ${h.full}`
      : `Nông dân sản xuất, kinh doanh giỏi ở ${h.full}`;
    const title = r.pick([
      `${P} ${p.name} – làm giàu từ ${crop.name}, giúp bà con cùng thoát nghèo`,
      `${P} ${p.name}: “Muốn bà con làm theo thì mình phải làm được trước”`,
      `${veteran ? 'Cựu chiến binh' : 'Nông dân'} ${p.name} ở ${h.full} giúp hộ nghèo phát triển sản xuất`,
    ]);
    return {
      title,
      summary: `Từ ${dec(area)} ha ${crop.name}, ${p.pronoun} ${p.short} có thu nhập khoảng ${money(income)}/năm, tạo việc làm cho ${jobs} lao động và giúp ${helped} hộ nghèo, cận nghèo có vốn, giống để sản xuất.`,
      situation: `Nhiều hộ ở ${h.full} còn nghèo do thiếu vốn, thiếu kỹ thuật, sản xuất theo thói quen cũ. ${P} ${p.short}${veteran ? ' trở về địa phương sau khi xuất ngũ,' : ''} mạnh dạn vay vốn cải tạo vườn tạp, chuyển sang ${crop.activity}.`,
      goals: `Phát triển hiệu quả mô hình ${crop.activity} để bà con học tập; hỗ trợ hộ nghèo trong ${h.kind} vốn, giống và kỹ thuật; tham gia xây dựng nông thôn mới.`,
      beneficiaries: `${helped} hộ nghèo, cận nghèo được hỗ trợ; ${jobs} lao động địa phương có việc làm thường xuyên và thời vụ.`,
      activities: `${P} ${p.short} mở cửa vườn cho bà con đến học, trực tiếp hướng dẫn kỹ thuật chăm sóc, thu hái; cho hộ nghèo ứng trước giống, phân bón, đến vụ mới trả, không tính lãi. ${P} còn tham gia tổ hòa giải, gương mẫu đóng góp làm đường, xây nhà văn hóa và thường xuyên tham gia sinh hoạt ${veteran ? 'chi hội Cựu chiến binh' : 'chi hội Nông dân'}.`,
      leadBodies: `${P} ${p.name}; Chi hội ${veteran ? 'Cựu chiến binh' : 'Nông dân'} ${h.full}.`,
      partnerBodies: `${veteran ? org.veterans : org.farmers}; Ban công tác Mặt trận ${h.full}.`,
      moneyMillion: helpMoney,
      nonState: `${P} ${p.short} tự bỏ vốn đầu tư mô hình; hỗ trợ hộ nghèo giống, vật tư trị giá ${money(helpMoney)}.`,
      results: `${ctx.since}, ${helped} hộ được ${p.pronoun} ${p.short} giúp đỡ, trong đó ${r.int(2, Math.max(3, Math.floor(helped / 2)))} hộ đã thoát nghèo. Mô hình cho thu nhập khoảng ${money(income)}/năm, tạo việc làm cho ${jobs} lao động với mức lương ${r.int(5, 8)}–${r.int(9, 11)} triệu đồng/tháng. ${P} nhiều năm liền đạt danh hiệu nông dân sản xuất, kinh doanh giỏi.`,
      sustainability: `Mô hình có thị trường ổn định; ${p.pronoun} ${p.short} cam kết tiếp tục hỗ trợ mỗi năm ít nhất ${words(r.int(2, 4))} hộ khó khăn và chia sẻ kinh nghiệm qua các buổi sinh hoạt hội.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Hộ nghèo, cận nghèo được hỗ trợ', value: helped, unit: 'hộ' },
        { kindCode: 'people', name: 'Lao động có việc làm', value: jobs, unit: 'người' },
        { name: 'Thu nhập từ mô hình', value: income, unit: 'triệu đồng/năm' },
      ],
      tags: ['ngheo'],
    };
  },
};

export const kenhMuong: Scenario = {
  id: 'kenh-muong',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const km = r.dec(1.2, 6.5, 1);
    const hh = r.int(80, 320);
    const stateM = round(km * r.int(150, 300), 5);
    const peopleM = round(km * r.int(60, 160), 5);
    const workDays = round(hh * r.int(4, 9), 10);
    const area = r.dec(20, 90, 1);
    const head = ctx.person('m');
    const title = r.pick([
      `Chung tay kiên cố hóa kênh mương nội đồng ${h.full}`,
      `Kiên cố hóa kênh mương theo phương châm “Nhân dân làm, Nhà nước hỗ trợ” ở ${h.full}, ${commune}`,
      `Bê tông hóa kênh mương nội đồng ở ${h.full}`,
    ]);
    return {
      title,
      summary: `Người dân ${h.full} góp ${money(peopleM)} và ${fmt(workDays)} ngày công cùng Nhà nước kiên cố hóa ${dec(km)} km kênh mương, chủ động tưới tiêu cho ${dec(area)} ha lúa và hoa màu.`,
      situation: `Hệ thống kênh mương đất của ${h.full} bị sạt lở, rò rỉ, mỗi năm người dân mất hàng trăm ngày công nạo vét; cuối kênh thường thiếu nước, nhiều diện tích phải bỏ vụ.`,
      goals: `Kiên cố hóa toàn bộ kênh chính, kênh nhánh của ${h.full}; bảo đảm tưới tiêu chủ động cho ít nhất 90% diện tích gieo trồng; giảm chi phí thủy lợi cho người dân.`,
      beneficiaries: `${hh} hộ có đất sản xuất trong khu tưới của ${h.full}.`,
      activities: `Chi bộ ra nghị quyết, Ban phát triển ${h.kind} tổ chức họp dân bàn mức đóng góp theo diện tích hưởng lợi, miễn giảm cho hộ nghèo, gia đình chính sách. Các đoàn thể phân công nhau nhận từng đoạn kênh, huy động hội viên làm vào ngày nghỉ; Ban giám sát đầu tư của cộng đồng theo dõi chất lượng từng mẻ bê tông.`,
      leadBodies: `Chi bộ ${h.full}; Ban phát triển ${h.full}.`,
      partnerBodies: `${org.ubnd}; ${org.mttq}; ${org.farmers}; ${org.youth}; hợp tác xã dịch vụ nông nghiệp.`,
      moneyMillion: stateM + peopleM,
      workDays,
      nonState: `Nhân dân đóng góp ${money(peopleM)} và ${fmt(workDays)} ngày công; ngân sách hỗ trợ xi măng, cát, đá trị giá ${money(stateM)}.`,
      results: `${ctx.since}, ${dec(km)} km kênh mương đã được kiên cố hóa, tưới tiêu chủ động cho ${dec(area)} ha; năng suất lúa tăng ${r.int(5, 12)} tạ/ha, không còn diện tích bỏ vụ. Công trình hoàn thành vượt tiến độ ${r.int(1, 3)} tháng, được người dân đồng tình.`,
      sustainability: `Tổ thủy nông của ${h.full} quản lý, nạo vét định kỳ; kinh phí duy tu do các hộ hưởng lợi cùng đóng góp hằng năm.`,
      holderName: `Nhân dân ${h.full}`,
      holderRole: 'Tập thể',
      contact: head,
      indicators: [
        { name: 'Kênh mương được kiên cố hóa', value: km, unit: 'km' },
        { kindCode: 'households', name: 'Số hộ hưởng lợi', value: hh, unit: 'hộ' },
        { kindCode: 'work_days', name: 'Ngày công đóng góp', value: workDays, unit: 'ngày công' },
        { kindCode: 'money_million', name: 'Kinh phí huy động', value: stateM + peopleM, unit: 'triệu đồng' },
      ],
      tags: ['ntm'],
    };
  },
};

export const thapSangDuongQue: Scenario = {
  id: 'thap-sang-duong-que',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const lamps = r.int(40, 190);
    const km = r.dec(1.5, 8, 1);
    const moneyM = round(lamps * r.dec(0.9, 2.2, 2), 1);
    const hh = r.int(70, 260);
    const byYouth = r.chance(0.5);
    const lead = byYouth ? `Chi đoàn ${h.full}` : `Chi hội Phụ nữ ${h.full}`;
    const contact = ctx.person(byYouth ? undefined : 'f', { young: byYouth });
    const title = r.pick([
      `Thắp sáng đường quê ở ${h.full}`,
      `“Thắp sáng đường quê” – ${lead}`,
      `Đường điện chiếu sáng tự quản ${h.full}`,
    ]);
    return {
      title,
      summary: `${lead} vận động ${hh} hộ góp tiền, góp công lắp ${lamps} bóng đèn chiếu sáng trên ${dec(km)} km đường ${h.kind}, ngõ xóm; người dân tự quản và chi trả tiền điện.`,
      situation: `Các tuyến đường của ${h.full} không có điện chiếu sáng; buổi tối học sinh đi học thêm, người dân đi làm đồng về muộn rất bất tiện, từng xảy ra va chạm giao thông và mất trộm vật nuôi.`,
      goals: `100% tuyến đường trục ${h.kind} và ngõ xóm có đèn chiếu sáng; bảo đảm an toàn giao thông, an ninh trật tự; góp phần hoàn thành tiêu chí cảnh quan trong xây dựng nông thôn mới.`,
      beneficiaries: `${hh} hộ dân ${h.full}, học sinh và người tham gia giao thông qua địa bàn.`,
      activities: `${lead} khảo sát, lập dự toán và đưa ra họp dân bàn mức đóng góp; đoàn viên, hội viên đến từng nhà vận động, ghi danh sách công khai. Thanh niên trực tiếp kéo dây, lắp bóng, cài đặt đồng hồ hẹn giờ tắt bật; mỗi cụm dân cư cử một người theo dõi, báo hỏng.`,
      leadBodies: `${lead}; Ban phát triển ${h.full}.`,
      partnerBodies: `${byYouth ? org.youth : org.women}; Điện lực khu vực (hỗ trợ kỹ thuật); Ban công tác Mặt trận ${h.full}.`,
      moneyMillion: moneyM,
      workDays: round(lamps * r.dec(1.5, 3, 1), 10),
      nonState: `Toàn bộ ${money(moneyM)} do Nhân dân, con em xa quê và doanh nghiệp trên địa bàn đóng góp; ${byYouth ? 'đoàn viên' : 'hội viên, đoàn viên'} góp ngày công lắp đặt.`,
      results: `${ctx.since}, ${lamps} bóng đèn đã được lắp trên ${dec(km)} km đường; tiền điện hằng tháng do các hộ chia nhau đóng, bình quân ${fmt(r.step(5, 15, 1) * 1000)} đồng/hộ. Tình trạng mất trộm ban đêm giảm rõ rệt, đường làng sáng, sạch, đẹp hơn.`,
      sustainability: `Có quy chế quản lý, vận hành do dân bàn và giám sát; quỹ duy tu được trích từ đóng góp hằng năm để thay bóng hỏng.`,
      holderName: lead,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Bóng đèn chiếu sáng lắp đặt', value: lamps, unit: 'bóng' },
        { name: 'Tuyến đường được chiếu sáng', value: km, unit: 'km' },
        { kindCode: 'money_million', name: 'Kinh phí huy động', value: moneyM, unit: 'triệu đồng' },
        { kindCode: 'households', name: 'Số hộ đóng góp', value: hh, unit: 'hộ' },
      ],
      tags: ['ntm'],
    };
  },
};
