/** Field "van-hoa-xa-hoi" (culture and society): customs, swimming lessons, heritage clubs, study funds, village health workers. */
import type { Scenario } from './ctx.js';
import { money, round, upperFirst } from './text.js';

export const nguoiUyTinHuTuc: Scenario = {
  id: 'nguoi-uy-tin-hu-tuc',
  field: 'van-hoa-xa-hoi',
  type: 'individual',
  where: 'rural',
  fits: (region) => Boolean(region.ethnicGroups),
  build(ctx) {
    const { rng: r, hamlet: h, commune, org, region } = ctx;
    const p = ctx.person(r.chance(0.8) ? 'm' : 'f', { ethnic: true });
    const P = upperFirst(p.pronoun);
    const elder = (h.kind === 'làng' || h.kind === 'bon') && p.gender === 'm' ? 'Già làng' : 'Người có uy tín';
    const custom = r.pick([
      { name: 'tảo hôn, hôn nhân cận huyết thống', short: 'tảo hôn' },
      { name: 'mời thầy cúng khi ốm đau thay vì đưa người bệnh đến trạm y tế', short: 'cúng bái khi ốm đau' },
      { name: 'để người chết nhiều ngày trong nhà, làm ma kéo dài', short: 'ma chay kéo dài' },
      { name: 'thách cưới cao, mổ nhiều trâu, bò trong đám cưới, đám ma', short: 'lãng phí trong cưới hỏi, tang ma' },
    ]);
    const hh = r.int(40, 180);
    const cases = r.int(4, 25);
    const title = r.pick([
      `${elder} ${p.name} vận động bà con ${h.full} xóa bỏ ${custom.short}`,
      `${elder} ${p.name} – “cây cao bóng cả” của đồng bào ${h.full}`,
    ]);
    return {
      title,
      summary: `Bằng uy tín và sự kiên trì, ${p.pronoun} ${p.short} đã vận động ${hh} hộ đồng bào ở ${h.full} cam kết từ bỏ tục ${custom.name}; ${cases} trường hợp được can ngăn kịp thời.`,
      situation: `Ở ${h.full}, một bộ phận đồng bào ${region.ethnicGroups} còn giữ tục ${custom.name}, gây tốn kém, ảnh hưởng sức khỏe và cuộc sống. Cán bộ tuyên truyền nhiều lần nhưng bà con chưa nghe, vì đó là thói quen lâu đời.`,
      goals: `Không còn trường hợp ${custom.short} trong ${h.kind}; 100% hộ ký cam kết thực hiện nếp sống mới; đưa nội dung vào quy ước của cộng đồng.`,
      beneficiaries: `${hh} hộ đồng bào ${region.ethnicGroups} ở ${h.full}.`,
      activities: `${P} ${p.short} làm gương từ gia đình mình, rồi cùng trưởng ${h.kind}, công an viên đến từng nhà giải thích bằng tiếng đồng bào, lấy chuyện thật trong ${h.kind} để bà con dễ hiểu. Khi phát hiện gia đình có ý định tái phạm, ${p.pronoun} đến ngay, có trường hợp ngồi nói chuyện cả buổi tối. ${P} đề xuất đưa nội dung vào quy ước ${h.kind} và đứng ra hòa giải các mâu thuẫn liên quan.`,
      leadBodies: `${P} ${p.name}; Chi bộ ${h.full}.`,
      partnerBodies: `${org.mttq}; ${org.police}; ${org.women}; Trạm Y tế ${commune}.`,
      nonState: `${P} ${p.short} tự lo chi phí đi lại; các gia đình tiết kiệm được chi phí cúng bái, cưới hỏi để đầu tư sản xuất.`,
      results: `${ctx.since}, ${hh} hộ ở ${h.full} đã ký cam kết; ${cases} trường hợp được can ngăn, ${h.kind} không còn ${custom.short}. ${P} ${p.short} được ${ctx.provinceFull(ctx.refYear)} biểu dương là người có uy tín tiêu biểu.`,
      sustainability: `Quy ước mới được cộng đồng bàn và tự giám sát thực hiện; ${p.pronoun} ${p.short} đang truyền lại kinh nghiệm cho những người trẻ trong ${h.kind}.`,
      holderName: p.name,
      holderRole: `${elder} ${h.kind === 'làng' ? h.name : h.full}`,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Số hộ ký cam kết', value: hh, unit: 'hộ' },
        { name: 'Trường hợp được can ngăn', value: cases, unit: 'trường hợp' },
      ],
    };
  },
};

export const hocBoi: Scenario = {
  id: 'hoc-boi-mien-phi',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const byYouth = r.chance(0.55);
    const lead = byYouth ? org.youth : org.women;
    const kids = r.step(60, 320, 5);
    const classes = r.int(3, 14);
    const moneyM = round(classes * r.int(8, 25), 5);
    const volunteers = r.int(8, 25);
    const pool = r.pick(['bể bơi di động', 'bể bơi di động', 'ao làng được cải tạo', 'bể bơi của trường học']);
    const mobile = pool === 'bể bơi di động';
    const title = r.pick([
      `Dạy bơi miễn phí phòng, chống đuối nước cho trẻ em ${commune}`,
      mobile ? `“Bể bơi di động” cho trẻ em ${commune}` : `Lớp học bơi miễn phí cho trẻ em ${commune}`,
      `Lớp học bơi hè của ${lead}`,
    ]);
    return {
      title,
      summary: `${lead} mở ${classes} lớp dạy bơi miễn phí tại ${pool}, giúp ${kids} trẻ em biết bơi an toàn và kỹ năng phòng, chống đuối nước.`,
      situation: `${upperFirst(commune)} có nhiều ao, hồ, sông suối; mùa hè trẻ em thường rủ nhau đi tắm, trong khi tỷ lệ trẻ biết bơi thấp. Trên địa bàn từng xảy ra các vụ đuối nước thương tâm.`,
      goals: `Mỗi năm dạy bơi cho ít nhất ${r.step(50, 100, 10)} trẻ em; 100% phụ huynh có con theo học được hướng dẫn kỹ năng sơ cứu; không để xảy ra đuối nước ở trẻ em.`,
      beneficiaries: `Trẻ em từ 6 đến 15 tuổi trên địa bàn ${commune}, ưu tiên con em hộ nghèo, cận nghèo.`,
      activities: `Đơn vị khảo sát số trẻ chưa biết bơi, phối hợp với nhà trường lập danh sách; ${mobile ? 'huy động doanh nghiệp tài trợ bể bơi di động, phao, áo phao' : `chọn ${pool} làm nơi dạy, vận động doanh nghiệp tài trợ phao, áo phao`}. ${volunteers} tình nguyện viên đã qua tập huấn trực tiếp dạy, mỗi khóa 10–12 buổi; cuối khóa kiểm tra, cấp giấy chứng nhận. Song song, đơn vị cắm biển cảnh báo tại các điểm nước sâu.`,
      leadBodies: `${lead}.`,
      partnerBodies: `${org.ubnd}; các trường học trên địa bàn; Trạm Y tế ${commune}; doanh nghiệp, nhà hảo tâm.`,
      moneyMillion: moneyM,
      workDays: classes * volunteers * 10,
      nonState: `Doanh nghiệp, nhà hảo tâm tài trợ ${money(moneyM)} cho ${mobile ? 'bể bơi, ' : ''}phao, áo phao và nước uống; tình nguyện viên tham gia không nhận thù lao.`,
      results: `${ctx.since}, ${kids} trẻ em đã biết bơi an toàn; ${r.int(100, 400)} phụ huynh được hướng dẫn sơ cứu đuối nước. Trên địa bàn không xảy ra trường hợp trẻ em đuối nước.`,
      sustainability: `Lớp học được tổ chức đều đặn vào dịp hè; ${mobile ? `bể bơi di động được bảo quản để dùng cho nhiều năm và cho các ${ctx.thon} khác mượn` : 'đội ngũ tình nguyện viên được bổ sung hằng năm'}.`,
      holderName: lead,
      holderRole: 'Tập thể',
      contact: ctx.person(byYouth ? undefined : 'f', { young: byYouth }),
      indicators: [
        { kindCode: 'people', name: 'Trẻ em được dạy bơi', value: kids, unit: 'người' },
        { kindCode: 'money_million', name: 'Kinh phí xã hội hóa', value: moneyM, unit: 'triệu đồng' },
      ],
    };
  },
};

export const cauLacBoVanHoa: Scenario = {
  id: 'clb-van-hoa',
  field: 'van-hoa-xa-hoi',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org, region } = ctx;
    const art = r.pick(
      ctx.urban
        ? region.heritage
            .filter((a) => !/đồng bào|cồng chiêng|Then|Mường/.test(a))
            .concat(['dân ca'])
            .slice(0, 3)
        : region.heritage,
    );
    const members = r.int(18, 48);
    const shows = r.int(20, 90);
    const learners = r.int(20, 90);
    const moneyM = round(members * r.dec(0.6, 2, 1), 1);
    const contact = ctx.person();
    const club = `Câu lạc bộ ${art} ${h.full}`;
    const title = r.pick([
      club,
      `Giữ gìn và lan tỏa ${art} ở ${h.full}`,
      `Truyền dạy ${art} cho thế hệ trẻ ${commune}`,
    ]);
    return {
      title,
      summary: `${club} có ${members} thành viên, duy trì sinh hoạt hằng tuần, truyền dạy ${art} cho ${learners} em thiếu nhi và biểu diễn phục vụ Nhân dân trong các dịp lễ, Tết.`,
      situation: `Lớp trẻ ở ${h.full} ít quan tâm đến ${art}, những người biết hát, biết diễn đều đã cao tuổi; nhiều làn điệu có nguy cơ bị mai một.`,
      goals: `Sưu tầm, phục dựng các làn điệu cổ; mỗi năm mở ít nhất một lớp truyền dạy cho thiếu nhi; gắn sinh hoạt câu lạc bộ với tuyên truyền chủ trương, chính sách đến Nhân dân.`,
      beneficiaries: `Thành viên câu lạc bộ, thiếu nhi và Nhân dân ${h.full}, du khách đến tham quan.`,
      activities: `Chi bộ, Ban công tác Mặt trận vận động các nghệ nhân tham gia, tự nguyện đóng góp mua trang phục, nhạc cụ. Câu lạc bộ sinh hoạt tối thứ Bảy tại nhà văn hóa, lồng ghép lời mới tuyên truyền về xây dựng ${ctx.urban ? 'đô thị văn minh' : 'nông thôn mới'}, phòng chống ma túy, bảo vệ môi trường. Các nghệ nhân trực tiếp dạy cho thiếu nhi vào dịp hè.`,
      leadBodies: `Ban công tác Mặt trận ${h.full}; ${club}.`,
      partnerBodies: `${org.ubnd} (Phòng Văn hóa – Xã hội); ${org.youth}; các trường học; nghệ nhân trong và ngoài địa phương.`,
      moneyMillion: moneyM,
      nonState: `Thành viên và Nhân dân đóng góp ${money(moneyM)} mua trang phục, nhạc cụ, loa đài.`,
      results: `${ctx.since}, câu lạc bộ đã biểu diễn ${shows} buổi, truyền dạy cho ${learners} em thiếu nhi; sưu tầm, phục dựng ${r.int(6, 25)} làn điệu, bài bản cổ. Câu lạc bộ đạt giải tại hội diễn văn nghệ quần chúng của ${ctx.provinceFull(ctx.refYear)}.`,
      sustainability: `Câu lạc bộ có quy chế, có lớp kế cận; được chính quyền bố trí địa điểm sinh hoạt và hỗ trợ khi tham gia các hội diễn.`,
      holderName: club,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'people', name: 'Thành viên câu lạc bộ', value: members, unit: 'người' },
        { kindCode: 'people', name: 'Thiếu nhi được truyền dạy', value: learners, unit: 'người' },
        { name: 'Buổi biểu diễn phục vụ Nhân dân', value: shows, unit: 'buổi' },
      ],
    };
  },
};

export const quyKhuyenHoc: Scenario = {
  id: 'quy-khuyen-hoc',
  field: 'van-hoa-xa-hoi',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, commune } = ctx;
    const p = ctx.person(r.chance(0.75) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const family = p.name.split(' ')[0];
    const clan = r.chance(0.5);
    const fund = round(r.int(80, 650), 5);
    const students = r.int(60, 400);
    const role = clan
      ? `Trưởng Ban khuyến học dòng họ ${family} ở ${h.full}`
      : `Chi hội trưởng Chi hội Khuyến học ${h.full}`;
    const title = r.pick([
      clan
        ? `${P} ${p.name} và quỹ khuyến học dòng họ ${family} ở ${h.full}`
        : `${P} ${p.name} – người “gieo chữ” ở ${h.full}`,
      `${P} ${p.name} vận động xây dựng quỹ khuyến học ${clan ? `dòng họ ${family}` : h.full}`,
    ]);
    return {
      title,
      summary: `${P} ${p.short} vận động con cháu, ${clan ? 'dòng họ' : `Nhân dân trong ${h.kind}`} xây dựng quỹ khuyến học đạt ${money(fund)}, khen thưởng, hỗ trợ ${students} lượt học sinh nghèo vượt khó, học giỏi.`,
      situation: `Nhiều gia đình ở ${h.full} còn khó khăn, có em học giỏi nhưng đứng trước nguy cơ bỏ học; phong trào khuyến học trước đây chỉ dừng ở tặng vở vào dịp khai giảng.`,
      goals: `Có quỹ khuyến học ổn định do ${clan ? 'dòng họ' : 'cộng đồng'} tự đóng góp; không để học sinh nào bỏ học vì hoàn cảnh; mỗi năm tổ chức lễ tuyên dương học sinh giỏi.`,
      beneficiaries: `Học sinh, sinh viên ${clan ? `con cháu dòng họ ${family}` : `của ${h.full}`}, ưu tiên các em có hoàn cảnh khó khăn.`,
      activities: `${P} ${p.short} đi từng nhà, gọi điện cho con cháu làm ăn xa để vận động đóng góp, công khai sổ quỹ ${clan ? 'vào ngày giỗ họ' : `tại các buổi họp ${h.kind}`}. Mỗi năm quỹ tổ chức lễ khen thưởng vào dịp đầu năm học, trao học bổng cho học sinh nghèo và đỡ đầu các em mồ côi đến khi học xong phổ thông.`,
      leadBodies: `${P} ${p.name}; ${clan ? `Hội đồng gia tộc họ ${family}` : `Chi hội Khuyến học ${h.full}`}.`,
      partnerBodies: `Hội Khuyến học ${commune}; Ban công tác Mặt trận ${h.full}; các nhà trường trên địa bàn.`,
      moneyMillion: fund,
      nonState: `Quỹ do con cháu, Nhân dân và nhà hảo tâm đóng góp, đến nay đạt ${money(fund)}; ${p.pronoun} ${p.short} là người góp nhiều nhất.`,
      results: `${ctx.since}, quỹ đã khen thưởng, hỗ trợ ${students} lượt học sinh, sinh viên; ${r.int(5, 40)} em đỗ đại học, nhiều em có hoàn cảnh khó khăn được đỡ đầu đến hết cấp học. ${h.Full} không có học sinh bỏ học giữa chừng.`,
      sustainability: `Quỹ có ban quản lý, quy chế chi rõ ràng, được bổ sung hằng năm; nhiều dòng họ khác trong ${commune} đã học tập thành lập quỹ tương tự.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'money_million', name: 'Quỹ khuyến học huy động', value: fund, unit: 'triệu đồng' },
        { kindCode: 'people', name: 'Lượt học sinh được khen thưởng, hỗ trợ', value: students, unit: 'người' },
      ],
    };
  },
};

export const yTeThonBan: Scenario = {
  id: 'y-te-thon-ban',
  field: 'van-hoa-xa-hoi',
  type: 'individual',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune } = ctx;
    const p = ctx.person(r.chance(0.75) ? 'f' : 'm');
    const P = upperFirst(p.pronoun);
    const kids = r.int(40, 220);
    const mothers = r.int(15, 90);
    const hh = r.int(80, 260);
    const title = r.pick([
      `${P} ${p.name} – nhân viên y tế thôn bản tận tụy ở ${h.full}`,
      `${P} ${p.name}: “bác sĩ” của bà con ${h.full}`,
    ]);
    return {
      title,
      summary: `Là nhân viên y tế ${h.full}, ${p.pronoun} ${p.short} vận động ${hh} hộ đưa trẻ đi tiêm chủng đầy đủ, phụ nữ mang thai đi khám định kỳ, đến sinh tại cơ sở y tế.`,
      situation: `${h.Full} cách trạm y tế ${ctx.xa} khá xa; một bộ phận người dân còn ngại đi khám, trẻ em chưa được tiêm chủng đủ mũi, nhiều sản phụ sinh con tại nhà.`,
      goals: `Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ trên 95%; 100% phụ nữ mang thai được khám thai ít nhất ba lần; không còn sinh con tại nhà.`,
      beneficiaries: `${hh} hộ dân ${h.full}, nhất là trẻ em, phụ nữ mang thai và người cao tuổi.`,
      activities: `${P} ${p.short} lập sổ theo dõi từng trẻ, từng phụ nữ mang thai, nhắn tin, gọi điện nhắc lịch tiêm; với các gia đình còn ngại, ${p.pronoun} đến tận nhà giải thích, có khi chở người đến trạm bằng xe máy của mình. ${P} còn hướng dẫn bà con vệ sinh môi trường, phòng dịch sốt xuất huyết, tay chân miệng.`,
      leadBodies: `${P} ${p.name}; Trạm Y tế ${commune}.`,
      partnerBodies: `Trưởng ${h.full}; Chi hội Phụ nữ ${h.full}; ${ctx.org.ubnd}.`,
      nonState: `${P} ${p.short} tự bỏ chi phí đi lại, điện thoại; Chi hội Phụ nữ hỗ trợ người đưa đón sản phụ khi cần.`,
      results: `${ctx.since}, ${kids} trẻ em ở ${h.full} được tiêm chủng đầy đủ, ${mothers} phụ nữ mang thai được khám định kỳ và sinh tại cơ sở y tế; ${h.kind} không có dịch bệnh lớn xảy ra.`,
      sustainability: `Sổ theo dõi được cập nhật và chuyển thành dữ liệu điện tử trên hệ thống của trạm y tế; ${p.pronoun} ${p.short} hướng dẫn lại cho các nhân viên y tế thôn bản mới.`,
      holderName: p.name,
      holderRole: `Nhân viên y tế ${h.full}`,
      contact: p,
      indicators: [
        { kindCode: 'people', name: 'Trẻ em được tiêm chủng đầy đủ', value: kids, unit: 'người' },
        { kindCode: 'people', name: 'Phụ nữ mang thai được khám định kỳ', value: mothers, unit: 'người' },
        { kindCode: 'households', name: 'Số hộ được vận động', value: hh, unit: 'hộ' },
      ],
    };
  },
};
