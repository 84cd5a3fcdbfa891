/** Field "van-hoa-xa-hoi" (culture and society): charity porridge, waste sorting, flower roads, houses, civilised customs, a teacher. */
import type { Scenario } from './ctx.js';
import { dec, fmt, money, round, upperFirst, words } from './text.js';

export const noiChao: Scenario = {
  id: 'noi-chao-tinh-thuong',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org, unit } = ctx;
    const lead = r.pick([org.women, org.military, `Hội Chữ thập đỏ ${commune}`, org.youth]);
    const hospital = r.pick([`Trung tâm Y tế khu vực ${unit.name}`, `Bệnh viện Đa khoa tỉnh ${ctx.province}`]);
    const perWeek = r.step(120, 420, 10);
    const weeks = Math.max(30, (ctx.refYear - ctx.startedYear) * 50 + r.int(10, 40));
    const portions = perWeek * weeks;
    const volunteers = r.int(15, 45);
    const moneyM = round(portions * 0.012, 5);
    const contact = ctx.person(lead === org.women ? 'f' : undefined);
    const title = r.pick([
      'Nồi cháo tình thương',
      `“Nồi cháo tình thương” của ${lead}`,
      `“Nồi cháo tình thương” tại ${hospital}`,
    ]);
    return {
      title,
      summary: `Mỗi sáng thứ ${r.pick(['Ba', 'Năm', 'Bảy'])}, ${lead} nấu và phát khoảng ${perWeek} suất cháo miễn phí cho bệnh nhân nghèo, người nhà bệnh nhân tại ${hospital}.`,
      situation: `Nhiều bệnh nhân điều trị dài ngày tại ${hospital} là ${ctx.region.ethnicGroups ? 'đồng bào dân tộc thiểu số, ' : ''}người thuộc hộ nghèo ở vùng xa, chi phí ăn uống là gánh nặng lớn; có người nhà phải nhịn bữa sáng để dành tiền mua thuốc.`,
      goals: `Duy trì đều đặn mỗi tuần một buổi phát cháo; huy động nguồn lực xã hội hóa để không dùng ngân sách; lan tỏa tinh thần “lá lành đùm lá rách” trong cán bộ, hội viên và Nhân dân.`,
      beneficiaries: `Bệnh nhân nghèo, người cao tuổi neo đơn, trẻ em đang điều trị và người nhà bệnh nhân tại ${hospital}.`,
      activities: `Đơn vị lập danh sách tình nguyện viên chia ca đi chợ, nấu và phát cháo từ 4 giờ sáng; công khai tiền, gạo, thực phẩm nhận được trên nhóm Zalo của mô hình. Các chi hội vận động hội viên góp gạo, rau, củi; doanh nghiệp, tiểu thương ủng hộ thịt, trứng, sữa. Ngày lễ, Tết, mô hình tặng thêm quà cho bệnh nhân có hoàn cảnh đặc biệt khó khăn.`,
      leadBodies: `${lead}.`,
      partnerBodies: `${hospital}; ${org.mttq}; các doanh nghiệp, tiểu thương, nhà hảo tâm.`,
      moneyMillion: moneyM,
      workDays: round(weeks * volunteers * 0.3, 10),
      nonState: `Toàn bộ gạo, thực phẩm, chất đốt do hội viên, cán bộ, chiến sĩ, nhà hảo tâm đóng góp, quy ra tiền khoảng ${money(moneyM)}.`,
      results: `${ctx.since}, mô hình đã trao tặng khoảng ${fmt(portions)} suất cháo, sữa; ${volunteers} tình nguyện viên tham gia thường xuyên. Nhiều bệnh nhân, người nhà được hỗ trợ thêm tiền viện phí, quần áo, chăn ấm.`,
      sustainability: `Nguồn đóng góp ổn định, được ghi chép công khai; ${words(r.int(2, 5))} đơn vị khác đã học tập và tổ chức “Bữa cơm/nồi cháo tình thương” tương tự.`,
      holderName: lead,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Suất cháo, sữa trao tặng', value: portions, unit: 'suất' },
        { kindCode: 'people', name: 'Tình nguyện viên tham gia', value: volunteers, unit: 'người' },
        { kindCode: 'money_million', name: 'Giá trị đóng góp xã hội hóa', value: moneyM, unit: 'triệu đồng' },
      ],
    };
  },
};

export const phanLoaiRac: Scenario = {
  id: 'phan-loai-rac',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const hh = r.int(80, 360);
    const kg = r.step(1500, 12000, 50);
    const fund = round(kg * r.dec(0.004, 0.008, 3), 0.5);
    const pits = r.int(20, Math.min(hh, 140));
    const leader = ctx.person('f');
    const title = r.pick([
      `Phân loại rác thải tại nguồn ở ${h.full}`,
      `“Biến rác thải thành tiền” – Chi hội Phụ nữ ${h.full}`,
      `“Ngôi nhà xanh” gây quỹ từ phế liệu ở ${h.full}, ${commune}`,
    ]);
    return {
      title,
      summary: `${hh} hộ ${h.full} phân loại rác tại nguồn; rác tái chế được Chi hội Phụ nữ thu gom, bán lấy tiền giúp hội viên nghèo, học sinh khó khăn; rác hữu cơ được ủ làm phân bón.`,
      situation: `Lượng rác thải sinh hoạt ở ${h.full} ngày càng nhiều, trong khi xe thu gom chỉ đến hai lần mỗi tuần; rác bị vứt ra kênh mương, ven đường gây ô nhiễm, mất mỹ quan.`,
      goals: `100% hộ thực hiện phân loại rác; giảm ít nhất 30% lượng rác phải chôn lấp; có quỹ từ phế liệu để hỗ trợ hội viên khó khăn.`,
      beneficiaries: `${hh} hộ dân ${h.full}; hội viên nghèo và học sinh có hoàn cảnh khó khăn được hỗ trợ từ quỹ.`,
      activities: `Chi hội Phụ nữ tổ chức tập huấn, phát tờ rơi, làm mẫu cách phân loại thành ba nhóm: rác hữu cơ, rác tái chế, rác còn lại. Mỗi tổ hội viên có một điểm tập kết phế liệu, định kỳ hai tuần cân bán, ghi sổ công khai. Hội viên hướng dẫn các hộ đào hố, dùng thùng ủ rác hữu cơ làm phân bón cho vườn rau.`,
      leadBodies: `Chi hội Phụ nữ ${h.full}; ${org.women}.`,
      partnerBodies: `Ban công tác Mặt trận ${h.full}; ${org.ubnd}; Chi đoàn ${h.full}; đơn vị thu gom rác trên địa bàn.`,
      moneyMillion: fund,
      nonState: `Quỹ hình thành hoàn toàn từ bán phế liệu do Nhân dân đóng góp, đến nay đạt ${money(fund)}; các hộ tự làm hố, thùng ủ.`,
      results: `${ctx.since}, ${h.full} đã thu gom khoảng ${fmt(kg)} kg phế liệu, lập quỹ ${money(fund)}, hỗ trợ ${r.int(5, 25)} lượt hội viên, học sinh khó khăn; ${pits} hộ ủ rác hữu cơ làm phân bón. Lượng rác phải vận chuyển đi xử lý giảm khoảng ${r.int(30, 50)}%.`,
      sustainability: `Việc phân loại rác đã thành nếp sinh hoạt của người dân, được đưa vào hương ước; ${commune} đang nhân rộng mô hình ra toàn ${ctx.xa}.`,
      holderName: `Chi hội Phụ nữ ${h.full}`,
      holderRole: 'Tập thể',
      contact: leader,
      indicators: [
        { kindCode: 'households', name: 'Số hộ phân loại rác tại nguồn', value: hh, unit: 'hộ' },
        { name: 'Phế liệu thu gom', value: kg, unit: 'kg' },
        { kindCode: 'money_million', name: 'Quỹ từ phế liệu', value: fund, unit: 'triệu đồng' },
      ],
    };
  },
};

export const duongHoa: Scenario = {
  id: 'duong-hoa',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const km = r.dec(0.8, 5, 1);
    const plants = r.step(800, 6000, 50);
    const hh = r.int(50, 220);
    const workDays = round(km * r.int(150, 400), 10);
    const moneyM = round(km * r.int(15, 45), 1);
    const byYouth = r.chance(0.35);
    const lead = byYouth ? `Chi đoàn ${h.full}` : `Chi hội Phụ nữ ${h.full}`;
    const flower = r.pick(['hoa mười giờ', 'hoa giấy', 'hoa ban', 'hoa dừa cạn', 'hoa hồng leo', 'hoa sứ']);
    const title = r.pick([
      `Tuyến đường hoa tự quản ở ${h.full}`,
      `“Đường hoa – đường sạch – đường an toàn” ${h.full}`,
      `Tuyến đường ${flower} ở ${h.full}`,
    ]);
    return {
      title,
      summary: `${lead} vận động ${hh} hộ trồng và chăm sóc ${fmt(plants)} cây ${flower} cùng cây xanh trên ${dec(km)} km đường ${ctx.urban ? 'phố, ngõ' : h.kind}, mỗi hộ tự quản đoạn đường trước nhà.`,
      situation: `Các tuyến đường của ${h.full} sau khi được cứng hóa vẫn nhiều đoạn cỏ dại, rác thải ven đường; một số hộ lấn chiếm lề đường ${ctx.urban ? 'để vật liệu xây dựng, đỗ xe' : 'để vật liệu, phơi nông sản'}.`,
      goals: `Tạo cảnh quan xanh – sạch – đẹp; 100% hộ dọc tuyến đăng ký tự quản; góp phần xây dựng ${ctx.urban ? 'tổ dân phố văn minh' : 'khu dân cư nông thôn mới kiểu mẫu'}.`,
      beneficiaries: `${hh} hộ dân ${h.full} và người dân qua lại trên tuyến đường.`,
      activities: `Hội viên, đoàn viên ra quân dọn cỏ, đào hố, trồng hoa vào các ngày cuối tuần; giống hoa do các hộ tự ươm, đổi cho nhau. Mỗi đoạn đường gắn biển tên hộ tự quản; hằng tháng ${byYouth ? 'chi đoàn' : 'chi hội'} chấm điểm, biểu dương các hộ chăm sóc tốt.`,
      leadBodies: `${lead}.`,
      partnerBodies: `Ban công tác Mặt trận ${h.full}; ${byYouth ? org.youth : org.women}; các hộ gia đình dọc tuyến.`,
      moneyMillion: moneyM,
      workDays,
      nonState: `Nhân dân góp ${money(moneyM)} mua giống hoa, phân bón, cọc rào và ${fmt(workDays)} ngày công.`,
      results: `${ctx.since}, ${dec(km)} km đường đã được trồng ${fmt(plants)} cây hoa, cây xanh; không còn điểm tập kết rác tự phát. Tuyến đường trở thành điểm nhấn cảnh quan, được người dân chụp ảnh, quảng bá trên mạng xã hội.`,
      sustainability: `Việc chăm sóc tuyến đường được đưa vào quy ước của ${h.kind}; ${byYouth ? 'chi đoàn' : 'chi hội'} duy trì chấm điểm hằng tháng và trồng dặm định kỳ.`,
      holderName: lead,
      holderRole: 'Tập thể',
      contact: ctx.person(byYouth ? undefined : 'f', { young: byYouth }),
      indicators: [
        { name: 'Tuyến đường hoa tự quản', value: km, unit: 'km' },
        { kindCode: 'households', name: 'Số hộ tham gia', value: hh, unit: 'hộ' },
        { kindCode: 'work_days', name: 'Ngày công đóng góp', value: workDays, unit: 'ngày công' },
      ],
    };
  },
};

export const maiAm: Scenario = {
  id: 'mai-am-dai-doan-ket',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const houses = r.int(4, 22);
    const perHouse = r.step(40, 80, 5);
    const moneyM = houses * perHouse + round(houses * r.int(5, 20), 5);
    const workDays = houses * r.int(60, 150);
    const contact = ctx.person();
    const title = r.pick([
      `“Mái ấm Đại đoàn kết” cho hộ nghèo ${commune}`,
      `Chung tay xóa nhà tạm, nhà dột nát ở ${commune}`,
      `Ủy ban MTTQ ${commune} vận động xây nhà Đại đoàn kết`,
    ]);
    return {
      title,
      summary: `${org.mttq} vận động ${money(moneyM)} và ${fmt(workDays)} ngày công để xây mới, sửa chữa ${houses} căn nhà cho hộ nghèo, hộ có hoàn cảnh khó khăn.`,
      situation: `Năm ${ctx.startedYear}, ${commune} còn ${houses + r.int(2, 10)} hộ ở nhà tạm, nhà dột nát, chủ yếu là người già neo đơn, hộ có người khuyết tật; mùa mưa bão, chính quyền phải di dời khẩn cấp nhiều hộ.`,
      goals: `Xóa toàn bộ nhà tạm, nhà dột nát trên địa bàn; mỗi căn nhà bảo đảm “3 cứng” (nền cứng, khung cứng, mái cứng), diện tích tối thiểu 30 m².`,
      beneficiaries: `${houses} hộ nghèo, cận nghèo, gia đình chính sách có khó khăn về nhà ở tại ${commune}.`,
      activities: `Ban công tác Mặt trận các ${ctx.thon} rà soát, bình xét công khai từng trường hợp; ${org.mttq} vận động doanh nghiệp, con em xa quê, cán bộ, đảng viên ủng hộ Quỹ “Vì người nghèo”. Các đoàn thể nhận đỡ đầu từng căn: thanh niên, dân quân góp ngày công san nền, vận chuyển vật liệu; hội viên phụ nữ lo cơm nước cho thợ. Ban giám sát theo dõi việc sử dụng tiền hỗ trợ đúng mục đích.`,
      leadBodies: `${org.mttq}.`,
      partnerBodies: `${org.party}; ${org.ubnd}; ${org.youth}; ${org.military}; các doanh nghiệp, nhà hảo tâm.`,
      moneyMillion: moneyM,
      workDays,
      nonState: `Doanh nghiệp, nhà hảo tâm, con em xa quê ủng hộ ${money(round(moneyM * 0.6, 5))}; dòng họ, người thân của các hộ góp thêm vật liệu và ngày công.`,
      results: `${ctx.since}, ${houses} căn nhà đã được bàn giao, mỗi căn được hỗ trợ từ ${perHouse} triệu đồng; ${fmt(workDays)} ngày công do Nhân dân, các lực lượng đóng góp. ${upperFirst(commune)} cơ bản không còn nhà tạm, nhà dột nát.`,
      sustainability: `Các hộ được nhận nhà ký cam kết sử dụng đúng mục đích; đoàn thể tiếp tục giúp các hộ sinh kế để ổn định cuộc sống lâu dài.`,
      holderName: org.mttq,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'houses', name: 'Nhà được xây mới, sửa chữa', value: houses, unit: 'căn' },
        { kindCode: 'money_million', name: 'Kinh phí huy động', value: moneyM, unit: 'triệu đồng' },
        { kindCode: 'work_days', name: 'Ngày công đóng góp', value: workDays, unit: 'ngày công' },
      ],
      tags: ['ngheo'],
    };
  },
};

export const nepSongVanMinh: Scenario = {
  id: 'nep-song-van-minh',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const hh = r.int(90, 380);
    const weddings = r.int(8, 40);
    const funerals = r.int(6, 30);
    const saved = round((weddings * r.int(20, 60) + funerals * r.int(10, 30)) / 1, 5);
    const contact = ctx.person('m');
    const ethnic = ['bon', 'làng', 'bản'].includes(h.kind);
    const title = r.pick([
      `Thực hiện nếp sống văn minh trong việc cưới, việc tang ở ${h.full}`,
      `“Đám cưới tiết kiệm, đám tang văn minh” ở ${h.full}, ${commune}`,
      `Hương ước mới – nếp sống mới ở ${h.full}`,
    ]);
    return {
      title,
      summary: `Ban công tác Mặt trận ${h.full} vận động ${hh} hộ ký cam kết tổ chức việc cưới gọn nhẹ, việc tang ${ethnic ? 'không mổ nhiều trâu, bò' : 'không rải vàng mã'}, không kéo dài ngày; ước tính các gia đình đã tiết kiệm được khoảng ${money(saved)}.`,
      situation: ethnic
        ? `Trước đây, đồng bào ở ${h.full} thường thách cưới cao; đám ma kéo dài nhiều ngày, mổ nhiều trâu, bò, lợn để cúng và đãi khách, nhiều gia đình lâm vào cảnh nợ nần, phải bán cả đất sản xuất.`
        : `Trước đây, đám cưới ở ${h.full} thường kéo dài hai, ba ngày, nhiều mâm cỗ; đám tang rải vàng mã dọc đường, thuê kèn trống đến khuya, nhiều gia đình lâm vào cảnh nợ nần sau hiếu hỷ.`,
      goals: `100% hộ ký cam kết và thực hiện theo ${ethnic ? 'quy ước' : 'hương ước'}; ${ethnic ? 'không mổ trâu, bò trong đám ma' : 'không rải vàng mã trên đường'}; không mời cỗ tràn lan; thời gian tổ chức tang lễ không quá 48 giờ.`,
      beneficiaries: `${hh} hộ dân ${h.full}.`,
      activities: `${upperFirst(h.kind)} họp dân sửa đổi ${ethnic ? 'quy ước' : 'hương ước'}, đưa các quy định cụ thể về việc cưới, việc tang vào; người có uy tín, trưởng các dòng họ ký cam kết trước. Khi gia đình có việc hiếu, hỷ, Ban công tác Mặt trận đến tận nhà trao đổi, hỗ trợ tổ chức; cán bộ, đảng viên làm trước để dân theo.`,
      leadBodies: `Ban công tác Mặt trận ${h.full}; Chi bộ ${h.full}.`,
      partnerBodies: `${org.mttq}; Ban Văn hóa – Xã hội của ${commune}; trưởng các dòng họ; ${org.women}.`,
      nonState: `Không sử dụng ngân sách; các dòng họ, gia đình tự nguyện thực hiện, trích một phần tiền tiết kiệm ủng hộ quỹ khuyến học của ${h.kind}.`,
      results: `${ctx.since}, ${weddings} đám cưới, ${funerals} đám tang được tổ chức theo đúng ${ethnic ? 'quy ước' : 'hương ước'}; ${ethnic ? 'không còn cảnh mổ nhiều trâu, bò trong tang ma' : 'không còn rải vàng mã trên đường'}. Ước tính các gia đình tiết kiệm được khoảng ${money(saved)}. ${h.Full} giữ vững danh hiệu khu dân cư văn hóa.`,
      sustainability: `${ethnic ? 'Quy ước' : 'Hương ước'} được rà soát, bổ sung định kỳ; việc thực hiện được bình xét gia đình văn hóa hằng năm nên duy trì được lâu dài.`,
      holderName: `Ban công tác Mặt trận ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ ký cam kết', value: hh, unit: 'hộ' },
        { name: 'Đám cưới, đám tang thực hiện theo nếp sống văn minh', value: weddings + funerals, unit: 'đám' },
        { name: 'Chi phí ước tính tiết kiệm được', value: saved, unit: 'triệu đồng' },
      ],
    };
  },
};

export const giaoVien: Scenario = {
  id: 'giao-vien-giu-chan-hoc-tro',
  field: 'van-hoa-xa-hoi',
  type: 'individual',
  where: 'rural',
  fits: (region) => Boolean(region.ethnicGroups),
  build(ctx) {
    const { rng: r, hamlet: h, commune, unit } = ctx;
    const p = ctx.person(r.chance(0.65) ? 'f' : 'm');
    const teacher = p.gender === 'f' ? 'Cô giáo' : 'Thầy giáo';
    const pron = p.gender === 'f' ? 'cô' : 'thầy';
    const school = r.pick([
      `Trường Phổ thông dân tộc bán trú Tiểu học ${unit.name}`,
      `Trường Tiểu học ${unit.name}`,
      `Trường Mầm non ${unit.name}`,
      `Trường THCS ${unit.name}`,
    ]);
    const students = r.int(25, 120);
    const dropouts = r.int(5, 20);
    const visits = r.int(40, 160);
    const title = r.pick([
      `${teacher} ${p.name} – người “giữ chân” học trò ở ${h.full}`,
      `${teacher} ${p.name} và những chuyến “gõ cửa” nhà học sinh vùng cao`,
    ]);
    return {
      title,
      summary: `${teacher} ${p.name}, ${school}, kiên trì đến từng nhà vận động ${dropouts} học sinh bỏ học trở lại lớp; điểm trường ${h.full} nay duy trì 100% trẻ trong độ tuổi đến lớp.`,
      situation: `${h.Full} có nhiều hộ đồng bào ${ctx.region.ethnicGroups} khó khăn, đường đến trường xa; đến mùa nương rẫy, nhiều em nghỉ học theo bố mẹ lên nương, có em bỏ học hẳn để đi làm thuê.`,
      goals: `Không để học sinh nào bỏ học; nâng tỷ lệ chuyên cần trên 98%; giúp phụ huynh hiểu giá trị của việc học.`,
      beneficiaries: `${students} học sinh của điểm trường ${h.full} và gia đình các em.`,
      activities: `${upperFirst(pron)} lập sổ theo dõi từng em, học tiếng ${r.pick(['đồng bào', 'địa phương'])} để trò chuyện với phụ huynh; ${students > 60 ? 'mỗi tuần' : 'mỗi tháng'} dành các buổi chiều đến tận nhà học sinh nghỉ học. ${upperFirst(pron)} phối hợp với trưởng thôn, người có uy tín vận động gia đình, xin quần áo, sách vở, tổ chức nấu ăn trưa cho các em ở xa.`,
      leadBodies: `${teacher} ${p.name}; ${school}.`,
      partnerBodies: `Chi bộ và Trưởng ${h.full}; người có uy tín trong cộng đồng; Chi đoàn ${h.full}; Hội Khuyến học ${commune}.`,
      moneyMillion: round(students * r.dec(0.2, 0.6, 2), 1),
      nonState: `Quần áo, sách vở, gạo và thực phẩm cho bữa trưa do các nhà hảo tâm, đồng nghiệp và phụ huynh đóng góp.`,
      results: `${ctx.since}, ${pron} đã thực hiện ${visits} lượt đến nhà học sinh, vận động ${dropouts} em trở lại lớp; tỷ lệ chuyên cần của điểm trường đạt ${r.int(97, 100)}%. ${upperFirst(pron)} nhiều năm được công nhận giáo viên dạy giỏi, chiến sĩ thi đua cơ sở.`,
      sustainability: `Cách làm được nhà trường đưa vào kế hoạch hằng năm, phân công giáo viên phụ trách từng thôn, bản theo dõi học sinh.`,
      holderName: p.name,
      holderRole: `Giáo viên ${school}`,
      contact: p,
      indicators: [
        { kindCode: 'people', name: 'Học sinh được vận động trở lại lớp', value: dropouts, unit: 'người' },
        { name: 'Lượt đến nhà học sinh', value: visits, unit: 'lượt' },
      ],
    };
  },
};
