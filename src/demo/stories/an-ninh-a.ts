/** Field "quoc-phong-an-ninh" (defence and security): border self-management, cameras, neighbourhood groups, mediation, fishing boats, school gates. */
import type { Scenario } from './ctx.js';
import { dec, fmt, money, pct, round, words } from './text.js';

export const tuQuanDuongBien: Scenario = {
  id: 'tu-quan-duong-bien',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  requires: 'border',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org, borderPost, region } = ctx;
    const hh = r.int(30, 120);
    const km = r.dec(2, 12, 1);
    const markers = r.int(2, 9);
    const patrols = r.int(24, 60);
    const people = hh * r.int(3, 5);
    const contact = ctx.person('m');
    const title = r.pick([
      `Tổ tự quản đường biên, mốc giới`,
      `Tổ tự quản đường biên, mốc giới ${h.full}`,
      `“Mỗi người dân là một cột mốc sống” ở ${h.full}, ${commune}`,
    ]);
    return {
      title,
      summary: `${hh} hộ ${h.full} đăng ký tự quản ${dec(km)} km đường biên giới và ${markers} cột mốc trên tuyến biên giới Việt Nam – ${region.border?.country}, phối hợp với ${borderPost} tuần tra định kỳ.`,
      situation: `${h.Full} nằm sát biên giới, địa hình đồi núi hiểm trở; trước đây vẫn còn tình trạng qua lại biên giới trái phép, buôn lậu, một số người dân chưa hiểu rõ trách nhiệm bảo vệ chủ quyền lãnh thổ.`,
      goals: `100% hộ gia đình ký cam kết tự quản; đường biên, mốc giới được giữ nguyên trạng; kịp thời phát hiện, báo cáo hành vi vi phạm quy chế biên giới.`,
      beneficiaries: `${people} người dân ${h.full}; lực lượng bảo vệ biên giới của ${commune}.`,
      activities: `${borderPost} phối hợp với Chi bộ, Trưởng ${h.kind} tổ chức họp dân, tuyên truyền Luật Biên giới quốc gia bằng tiếng phổ thông và tiếng đồng bào. Các hộ được chia thành tổ, mỗi tổ nhận quản lý một đoạn biên giới; mỗi tháng cùng cán bộ, chiến sĩ biên phòng tuần tra ${words(r.int(2, 4))} lần, phát quang, sơn lại cột mốc. Tổ duy trì nhóm Zalo để báo tin nhanh khi phát hiện người lạ.`,
      leadBodies: `${borderPost}; Chi bộ ${h.full}.`,
      partnerBodies: `${org.police}; ${org.military}; ${org.mttq}; Chi đoàn ${h.full}.`,
      workDays: patrols * r.int(4, 8),
      nonState: `Người dân tự túc lương thực, phương tiện khi tham gia tuần tra; đồn biên phòng hỗ trợ đèn pin, áo mưa, tài liệu tuyên truyền.`,
      results: `${ctx.since}, tổ đã phối hợp tuần tra ${patrols} lượt, cung cấp ${r.int(5, 25)} nguồn tin có giá trị; đường biên, mốc giới luôn được giữ nguyên trạng. Trên địa bàn không còn xảy ra xuất, nhập cảnh trái phép.`,
      sustainability: `Tổ tự quản được kiện toàn hằng năm, gắn với xây dựng khu dân cư an toàn về an ninh trật tự; mô hình được nhân rộng ở các ${h.kind} biên giới khác của ${commune}.`,
      holderName: r.pick([`Tổ tự quản đường biên, mốc giới ${h.full}`, borderPost]),
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ tham gia tự quản', value: hh, unit: 'hộ' },
        { name: 'Đường biên giới tự quản', value: km, unit: 'km' },
        { name: 'Cột mốc được tự quản', value: markers, unit: 'cột mốc' },
      ],
    };
  },
};

export const camera: Scenario = {
  id: 'camera-an-ninh',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const cams = r.int(8, 42);
    const moneyM = round(cams * r.dec(2.4, 4.2, 1), 0.5);
    const donors = r.int(5, 40);
    const hh = r.int(60, 320);
    const cases = r.int(2, 14);
    const contact = ctx.person('m');
    const title = r.pick([
      'Camera an ninh – mắt thần khu dân cư',
      `“Camera an ninh – mắt thần khu dân cư” ở ${h.full}`,
      `Lắp đặt camera giám sát an ninh trật tự ${h.full}`,
    ]);
    return {
      title,
      summary: `Người dân ${h.full} góp ${money(moneyM)} lắp ${cams} camera giám sát tại các tuyến đường, ngã ba, nơi công cộng; hình ảnh kết nối về điện thoại của tổ bảo vệ an ninh và công an xã.`,
      situation: ctx.urban
        ? `${h.Full} có nhiều người lạ ra vào, thời gian trước liên tiếp xảy ra trộm cắp xe máy, tài sản, tụ tập đua xe ban đêm; lực lượng công an mỏng, khó phát hiện kịp thời.`
        : `${h.Full} nằm dọc tuyến đường liên xã, thời gian trước liên tiếp xảy ra trộm cắp tài sản, vật nuôi; nhà dân phân tán, lực lượng công an mỏng, khó phát hiện kịp thời.`,
      goals: `Phủ camera các điểm trọng yếu của khu dân cư; giảm ít nhất 50% vụ việc trộm cắp; phục vụ truy xuất hình ảnh khi xảy ra vụ việc, tai nạn giao thông.`,
      beneficiaries: `${hh} hộ dân ${h.full} và người tham gia giao thông qua địa bàn.`,
      activities: `Chi bộ, Ban công tác Mặt trận họp dân thống nhất vị trí lắp đặt và mức đóng góp tự nguyện; ${donors} hộ kinh doanh, nhà hảo tâm ủng hộ thêm. Công an xã hướng dẫn kỹ thuật, phân quyền xem camera cho tổ bảo vệ an ninh, trật tự; quy định rõ việc trích xuất hình ảnh để bảo đảm quyền riêng tư.`,
      leadBodies: `Ban công tác Mặt trận ${h.full}; ${org.police}.`,
      partnerBodies: `Chi bộ ${h.full}; Tổ bảo vệ an ninh, trật tự ở cơ sở; doanh nghiệp viễn thông; các hộ kinh doanh.`,
      moneyMillion: moneyM,
      nonState: `Toàn bộ ${money(moneyM)} do Nhân dân và ${donors} nhà hảo tâm đóng góp; doanh nghiệp viễn thông hỗ trợ đường truyền.`,
      results: `${ctx.since}, ${cams} camera hoạt động ổn định; qua trích xuất hình ảnh, công an đã làm rõ ${cases} vụ trộm cắp, tai nạn giao thông. Tình trạng trộm cắp vặt trên địa bàn giảm rõ rệt.`,
      sustainability: `Chi phí duy trì đường truyền do các hộ cùng đóng góp hằng năm; mô hình được công an các địa phương lân cận đến học tập.`,
      holderName: `Ban công tác Mặt trận ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'cameras', name: 'Camera an ninh lắp đặt', value: cams, unit: 'camera' },
        { kindCode: 'money_million', name: 'Kinh phí huy động', value: moneyM, unit: 'triệu đồng' },
        { kindCode: 'households', name: 'Số hộ tham gia đóng góp', value: hh, unit: 'hộ' },
      ],
    };
  },
};

export const lienGiaTuQuan: Scenario = {
  id: 'lien-gia-tu-quan',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const groups = r.int(8, 26);
    const hh = groups * r.int(10, 15);
    const tips = r.int(8, 40);
    const drop = r.int(40, 80);
    const contact = ctx.person('m');
    const title = r.pick([
      `Tổ liên gia tự quản về an ninh trật tự ${h.full}`,
      `“Khu dân cư bình yên” ở ${h.full}, ${commune}`,
      `“Mười nhà cùng giữ bình yên” ở ${h.full}`,
    ]);
    return {
      title,
      summary: `${hh} hộ ${h.full} được chia thành ${groups} tổ liên gia tự quản, các nhà trông giúp nhau, báo tin kịp thời cho công an; vụ việc về an ninh trật tự giảm khoảng ${drop}%.`,
      situation: `${h.Full} đông dân, nhiều người đi làm ăn xa, nhà chỉ có người già, trẻ nhỏ; từng có đối tượng nghiện ma túy, trộm cắp, cờ bạc hoạt động, gây lo lắng trong Nhân dân.`,
      goals: `Xây dựng khu dân cư an toàn về an ninh trật tự; không có tội phạm, tệ nạn xã hội phát sinh; mỗi hộ là một “tai mắt” của lực lượng công an.`,
      beneficiaries: `${hh} hộ dân ${h.full}.`,
      activities: `Mỗi tổ gồm 10–15 hộ liền kề, bầu tổ trưởng là đảng viên hoặc người có uy tín. Các hộ ký cam kết không vi phạm pháp luật, trông nhà giúp nhau khi đi vắng, báo cho tổ trưởng khi có người lạ tạm trú. Hằng tháng, tổ trưởng họp với công an phụ trách địa bàn để nắm tình hình, hòa giải ngay mâu thuẫn nhỏ.`,
      leadBodies: `${org.police}; Chi bộ ${h.full}.`,
      partnerBodies: `Ban công tác Mặt trận ${h.full}; Tổ bảo vệ an ninh, trật tự ở cơ sở; ${org.veterans}.`,
      nonState: `Các tổ hoạt động tự quản, không sử dụng ngân sách; Nhân dân tự trang bị kẻng, đèn pin, loa cầm tay.`,
      results: `${ctx.since}, các tổ đã cung cấp ${tips} nguồn tin, giúp công an xử lý ${r.int(3, 12)} vụ việc; số vụ trộm cắp, gây rối giảm khoảng ${drop}% so với trước. ${h.Full} ${ctx.refYear - ctx.startedYear >= 2 ? 'nhiều năm liền được' : 'đã được'} công nhận khu dân cư đạt chuẩn an toàn về an ninh trật tự.`,
      sustainability: `Mô hình gắn với phong trào Toàn dân bảo vệ an ninh Tổ quốc, được công an ${ctx.xa} kiểm tra, củng cố hằng năm và nhân rộng ra ${words(r.int(3, 8))} thôn, tổ dân phố khác.`,
      holderName: `Nhân dân ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ tham gia tổ liên gia', value: hh, unit: 'hộ' },
        { name: 'Tổ liên gia tự quản', value: groups, unit: 'tổ' },
        { name: 'Nguồn tin cung cấp cho công an', value: tips, unit: 'nguồn tin' },
      ],
    };
  },
};

export const hoaGiai: Scenario = {
  id: 'hoa-giai-co-so',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const cases = r.int(10, 45);
    const ok = Math.max(1, cases - r.int(0, 3));
    const members = r.int(5, 9);
    const contact = ctx.person();
    const title = r.pick([
      `Tổ hòa giải ở cơ sở ${h.full} – “giữ yên từ trong ngõ”`,
      `“Hòa giải từ sớm, từ xa” ở ${h.full}`,
      `Tổ hòa giải giỏi ${h.full}`,
    ]);
    return {
      title,
      summary: `Tổ hòa giải ${members} thành viên của ${h.full} đã hòa giải thành ${ok}/${cases} vụ tranh chấp đất đai, mâu thuẫn gia đình, hàng xóm, không để phát sinh đơn thư vượt cấp.`,
      situation: `Quá trình làm đường, chỉnh trang khu dân cư làm nảy sinh nhiều tranh chấp ranh giới đất, lối đi; một số vụ kéo dài, người dân gửi đơn lên nhiều cấp, ảnh hưởng tình làng nghĩa xóm.`,
      goals: `Phát hiện và hòa giải sớm mâu thuẫn ngay từ cơ sở; tỷ lệ hòa giải thành trên 90%; không có vụ việc phức tạp, khiếu kiện đông người.`,
      beneficiaries: `Các hộ dân ${h.full} có mâu thuẫn, tranh chấp; cộng đồng dân cư nói chung.`,
      activities: `Tổ gồm trưởng ${h.kind}, chi hội trưởng các đoàn thể, người có uy tín và công an viên; được bồi dưỡng kỹ năng hòa giải, kiến thức pháp luật đất đai, hôn nhân gia đình. Khi nắm được mâu thuẫn, tổ đến ngay gặp từng bên, nghe hết ý kiến rồi mới mời các bên ngồi lại; vụ việc phức tạp thì mời công chức tư pháp, địa chính cùng tham gia.`,
      leadBodies: `Tổ hòa giải ${h.full}; Ban công tác Mặt trận ${h.full}.`,
      partnerBodies: `${org.ubnd} (công chức tư pháp – hộ tịch, địa chính); ${org.police}; ${org.mttq}.`,
      nonState: `Thành viên tổ làm việc không thù lao ngoài mức hỗ trợ vụ việc theo quy định; Nhân dân hỗ trợ địa điểm, nước uống khi hòa giải.`,
      results: `${ctx.since}, tổ đã tiếp nhận ${cases} vụ việc, hòa giải thành ${ok} vụ (đạt ${pct(ok / cases)}); không có vụ việc nào phát sinh thành điểm nóng. Tổ được ${ctx.org.ubnd} khen thưởng là tổ hòa giải tiêu biểu.`,
      sustainability: `Tổ có quy chế hoạt động, sổ theo dõi; thành viên được bổ sung, tập huấn hằng năm. Kinh nghiệm “nghe hết rồi mới nói” được phổ biến cho các tổ hòa giải khác.`,
      holderName: `Tổ hòa giải ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Vụ việc hòa giải thành', value: ok, unit: 'vụ' },
        { kindCode: 'people', name: 'Thành viên tổ hòa giải', value: members, unit: 'người' },
      ],
    };
  },
};

export const tauThuyen: Scenario = {
  id: 'tau-thuyen-an-toan',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  requires: 'coast',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org, unit } = ctx;
    const boats = r.int(15, 60);
    const fishers = boats * r.int(4, 9);
    const rescues = r.int(2, 12);
    const post = `Đồn Biên phòng ${unit.name}`;
    const contact = ctx.person('m');
    const title = r.pick([
      `Tổ đoàn kết tàu thuyền an toàn trên biển ${h.full}`,
      `Ngư dân ${commune} chung tay chống khai thác hải sản bất hợp pháp`,
      `“Tàu thuyền an toàn – ngư dân bám biển” ở ${commune}`,
    ]);
    return {
      title,
      summary: `${boats} tàu cá với ${fishers} ngư dân ${h.full} tham gia tổ đoàn kết, hỗ trợ nhau khi gặp nạn trên biển, cam kết không khai thác hải sản trái phép ở vùng biển nước ngoài.`,
      situation: `Ngư dân ${commune} chủ yếu đánh bắt xa bờ, thường gặp rủi ro khi có bão; một số tàu chưa lắp thiết bị giám sát hành trình hoặc để mất kết nối, có nguy cơ vi phạm quy định về chống khai thác bất hợp pháp, không báo cáo và không theo quy định (IUU).`,
      goals: `100% tàu cá lắp và duy trì thiết bị giám sát hành trình; không có tàu vi phạm vùng biển nước ngoài; hỗ trợ kịp thời khi tàu gặp sự cố.`,
      beneficiaries: `${fishers} ngư dân và gia đình, chủ tàu cá của ${h.full}.`,
      activities: `${post} cùng chính quyền vận động chủ tàu ký cam kết, tuyên truyền về IUU tại bến cá và qua loa phát thanh. Các tàu được ghép thành từng nhóm 3–5 chiếc cùng ngư trường, giữ liên lạc bằng máy thông tin tầm xa; khi có tàu gặp nạn, tàu gần nhất đến ứng cứu. Tổ góp quỹ để hỗ trợ gia đình có người gặp nạn.`,
      leadBodies: `${post}; Nghiệp đoàn nghề cá ${commune}.`,
      partnerBodies: `${org.ubnd}; ${org.police}; ${org.mttq}; Hội Nông dân ${commune}.`,
      moneyMillion: round(boats * r.int(1, 3), 1),
      nonState: `Chủ tàu tự trang bị máy thông tin liên lạc và đóng góp quỹ tương trợ ${money(round(boats * r.int(1, 3), 1))}.`,
      results: `${ctx.since}, ${boats} tàu duy trì kết nối thiết bị giám sát hành trình; các tổ đã ứng cứu ${rescues} vụ tàu gặp sự cố, cứu ${rescues * r.int(3, 7)} ngư dân an toàn. Không có tàu cá nào của địa phương vi phạm vùng biển nước ngoài.`,
      sustainability: `Ngư dân nhận rõ lợi ích của việc “đoàn kết trên biển”; quỹ tương trợ được duy trì và bổ sung sau mỗi chuyến biển.`,
      holderName: `Tổ đoàn kết tàu thuyền ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Tàu cá tham gia', value: boats, unit: 'chiếc' },
        { kindCode: 'people', name: 'Ngư dân tham gia', value: fishers, unit: 'người' },
      ],
    };
  },
};

export const congTruongAnToan: Scenario = {
  id: 'cong-truong-an-toan',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  build(ctx) {
    const { rng: r, org, unit } = ctx;
    const school = r.pick([`Trường THCS ${unit.name}`, `Trường Tiểu học ${unit.name}`, `Trường THPT ${unit.name}`]);
    const students = r.int(350, 1400);
    const helmets = r.step(100, 600, 10);
    const parents = r.int(30, 120);
    const contact = ctx.person();
    const title = r.pick([
      `Cổng trường an toàn giao thông – ${school}`,
      `“Phụ huynh đồng hành cùng cổng trường an toàn” ở ${school}`,
    ]);
    return {
      title,
      summary: `${org.police} phối hợp với ${school} và ${parents} phụ huynh tình nguyện phân luồng giờ tan học, tặng ${fmt(helmets)} mũ bảo hiểm, giúp ${fmt(students)} học sinh đến trường an toàn.`,
      situation: `${school} nằm sát tuyến đường đông xe; giờ tan học phụ huynh đỗ xe tràn lòng đường, nhiều học sinh đi xe đạp điện không đội mũ bảo hiểm, đã xảy ra va chạm.`,
      goals: `Không còn ùn tắc trước cổng trường giờ cao điểm; 100% học sinh đội mũ bảo hiểm khi ngồi xe máy, xe đạp điện; không có tai nạn giao thông liên quan đến học sinh.`,
      beneficiaries: `${fmt(students)} học sinh và phụ huynh của ${school}.`,
      activities: `Công an ${ctx.xa} kẻ vạch đỗ xe, bố trí cán bộ cùng phụ huynh tình nguyện điều tiết giao thông giờ tan học. Nhà trường đưa nội dung an toàn giao thông vào tiết sinh hoạt, ký cam kết với phụ huynh; Đoàn Thanh niên vận động doanh nghiệp tặng mũ bảo hiểm đạt chuẩn cho học sinh khó khăn.`,
      leadBodies: `${org.police}; ${school}.`,
      partnerBodies: `Ban đại diện cha mẹ học sinh; ${org.youth}; doanh nghiệp, nhà hảo tâm.`,
      moneyMillion: round(helmets * 0.15, 1),
      nonState: `Doanh nghiệp, nhà hảo tâm tặng ${fmt(helmets)} mũ bảo hiểm (khoảng ${money(round(helmets * 0.15, 1))}); phụ huynh tình nguyện tham gia điều tiết giao thông.`,
      results: `${ctx.since}, cổng trường không còn ùn tắc; tỷ lệ học sinh đội mũ bảo hiểm đúng cách đạt trên ${r.int(95, 99)}%; không xảy ra tai nạn giao thông liên quan đến học sinh của trường.`,
      sustainability: `Mô hình được duy trì mỗi năm học, có lịch phân công phụ huynh theo từng lớp; các trường khác trên địa bàn đang áp dụng.`,
      holderName: r.pick([school, org.police]),
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'people', name: 'Học sinh được hưởng lợi', value: students, unit: 'người' },
        { name: 'Mũ bảo hiểm trao tặng', value: helmets, unit: 'chiếc' },
      ],
    };
  },
};
