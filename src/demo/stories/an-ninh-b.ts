/** Field "quoc-phong-an-ninh": a commune police officer, border guards sponsoring pupils, militia helping people, fire safety, exemplars. */
import type { Scenario } from './ctx.js';
import { fmt, money, round, upperFirst, words } from './text.js';

export const congAnXa: Scenario = {
  id: 'cong-an-xa',
  field: 'quoc-phong-an-ninh',
  type: 'individual',
  build(ctx) {
    const { rng: r, commune, org, hamlet: h } = ctx;
    const p = ctx.person(r.chance(0.85) ? 'm' : 'f', { young: true });
    const rank = r.pick(['Trung úy', 'Thượng úy', 'Đại úy', 'Thiếu tá']);
    const role = r.pick([`Phó Trưởng Công an ${commune}`, `cán bộ Công an ${commune}, phụ trách địa bàn ${h.full}`]);
    const weapons = r.int(3, 25);
    const hh = r.int(150, 600);
    const cases = r.int(5, 30);
    const title = r.pick([
      `${rank} ${p.name} – người công an “gần dân, hiểu dân” ở ${commune}`,
      `${rank} ${p.name} vận động Nhân dân giao nộp vũ khí, vật liệu nổ`,
      `${rank} ${p.name}: “Muốn dân tin thì phải ở cùng dân”`,
    ]);
    return {
      title,
      summary: `${upperFirst(p.pronoun)} ${p.short} bám địa bàn, đến từng nhà trong ${hh} hộ được phân công, vận động Nhân dân giao nộp ${weapons} khẩu súng tự chế, vật liệu nổ và cung cấp nhiều nguồn tin giúp giải quyết ${cases} vụ việc.`,
      situation: `Địa bàn ${p.pronoun} ${p.short} phụ trách rộng, dân cư phân tán; nhiều hộ còn cất giữ súng tự chế để săn bắn, một số thanh niên tụ tập, gây mất trật tự vào ban đêm.`,
      goals: `Nắm chắc từng hộ, từng người trên địa bàn; vận động thu hồi triệt để vũ khí, vật liệu nổ trong dân; giải quyết vụ việc ngay từ cơ sở.`,
      beneficiaries: `${hh} hộ dân thuộc địa bàn phụ trách.`,
      activities: `${upperFirst(p.pronoun)} ${p.short} lập sổ tay theo dõi từng hộ, tham gia sinh hoạt với chi bộ, chi hội ở ${h.full}, giúp dân làm thủ tục định danh điện tử, cư trú ngay tại nhà văn hóa. Khi tuyên truyền, ${p.pronoun} không “nói lý thuyết” mà kể những vụ việc có thật do súng tự chế gây ra. Ngoài giờ, ${p.pronoun} cùng thanh niên giúp dân gặt lúa, sửa nhà.`,
      leadBodies: `${rank} ${p.name}; ${org.police}.`,
      partnerBodies: `Chi bộ, Ban công tác Mặt trận các ${ctx.thon}; ${org.youth}; Tổ bảo vệ an ninh, trật tự ở cơ sở.`,
      nonState: `Nhân dân tự nguyện giao nộp vũ khí, cung cấp thông tin; không sử dụng kinh phí riêng.`,
      results: `${ctx.since}, Nhân dân đã giao nộp ${weapons} khẩu súng, vũ khí thô sơ và một lượng vật liệu nổ; ${p.pronoun} ${p.short} cùng đồng đội giải quyết ${cases} vụ việc ngay tại cơ sở; hỗ trợ ${r.int(300, 1500)} người dân kích hoạt định danh điện tử.`,
      sustainability: `Cách làm “đi từng ngõ, gõ từng nhà” được ${org.police} áp dụng cho các cán bộ phụ trách địa bàn khác.`,
      holderName: p.name,
      holderRole: `${rank}, ${role}`,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Số hộ được nắm, vận động', value: hh, unit: 'hộ' },
        { name: 'Vũ khí, vật liệu nổ được giao nộp', value: weapons, unit: 'khẩu' },
      ],
    };
  },
};

export const nangBuocEmToiTruong: Scenario = {
  id: 'nang-buoc-em-toi-truong',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  requires: 'border',
  build(ctx) {
    const { rng: r, commune, org, borderPost } = ctx;
    const kids = r.int(5, 22);
    const perMonth = r.pick([500, 500, 1000]);
    const years = Math.max(1, ctx.refYear - ctx.startedYear);
    const moneyM = round((kids * perMonth * 9 * years) / 1000, 1);
    const contact = ctx.person('m');
    const title = r.pick([`“Nâng bước em tới trường” – ${borderPost}`, `“Con nuôi đồn Biên phòng” ở ${commune}`]);
    return {
      title,
      summary: `Cán bộ, chiến sĩ ${borderPost} nhận đỡ đầu ${kids} học sinh nghèo ở ${commune}, hỗ trợ mỗi em ${fmt(perMonth * 1000)} đồng/tháng và trực tiếp kèm cặp việc học.`,
      situation: `Nhiều học sinh ở khu vực biên giới thuộc hộ nghèo, mồ côi; gia đình không đủ điều kiện lo cho con ăn học, nhiều em có nguy cơ bỏ học.`,
      goals: `Không để học sinh nào được đỡ đầu bỏ học; giúp các em học hết phổ thông, học nghề; tăng cường gắn bó quân dân nơi biên giới.`,
      beneficiaries: `${kids} học sinh có hoàn cảnh khó khăn ở ${commune} và gia đình các em.`,
      activities: `Đồn phối hợp với nhà trường, chính quyền lựa chọn các em có hoàn cảnh khó khăn nhất; mỗi cán bộ nhận đỡ đầu một em, thường xuyên đến thăm gia đình, kiểm tra vở, động viên học tập. Đồn trích từ quỹ đơn vị và vận động các nhà hảo tâm tặng xe đạp, áo ấm, sách vở vào đầu năm học.`,
      leadBodies: `${borderPost}.`,
      partnerBodies: `${org.ubnd}; các trường học trên địa bàn; ${org.youth}; các nhà hảo tâm.`,
      moneyMillion: moneyM,
      nonState: `Cán bộ, chiến sĩ trích lương và vận động nhà hảo tâm, tổng cộng khoảng ${money(moneyM)}.`,
      results: `${ctx.since}, ${kids} em được đỡ đầu đều duy trì việc học, ${r.int(1, Math.max(2, Math.floor(kids / 3)))} em đã vào đại học, cao đẳng hoặc học nghề. Nhiều gia đình trở thành “tai mắt” của bộ đội biên phòng.`,
      sustainability: `Chương trình được duy trì đến khi các em học xong; khi cán bộ chuyển công tác thì đồng đội tiếp tục nhận đỡ đầu.`,
      holderName: borderPost,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'people', name: 'Học sinh được nhận đỡ đầu', value: kids, unit: 'người' },
        { kindCode: 'money_million', name: 'Kinh phí hỗ trợ', value: moneyM, unit: 'triệu đồng' },
      ],
    };
  },
};

export const danQuanGiupDan: Scenario = {
  id: 'dan-quan-giup-dan',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const militia = r.int(20, 60);
    const workDays = round(militia * r.int(10, 30), 10);
    const houses = r.int(3, 25);
    const hh = r.int(30, 180);
    const contact = ctx.person('m');
    const title = r.pick([
      `Dân quân ${commune} “ba bám, bốn cùng” giúp dân`,
      `Trung đội dân quân cơ động ${commune} giúp dân khắc phục thiên tai`,
      `“Ngày thứ Bảy giúp dân” của ${org.military}`,
    ]);
    return {
      title,
      summary: `${militia} cán bộ, chiến sĩ dân quân của ${commune} đóng góp ${fmt(workDays)} ngày công giúp dân thu hoạch mùa vụ, sửa chữa ${houses} căn nhà và khắc phục hậu quả mưa lũ.`,
      situation: `${upperFirst(commune)} thường xuyên chịu ảnh hưởng của mưa bão, lũ; nhiều hộ neo đơn, gia đình chính sách thiếu lao động nên khó khăn khi thu hoạch, dọn dẹp, sửa nhà sau thiên tai.`,
      goals: `Phát huy vai trò lực lượng dân quân trong giúp dân; kịp thời có mặt khi thiên tai xảy ra; củng cố lòng tin của Nhân dân với lực lượng vũ trang.`,
      beneficiaries: `${hh} hộ gia đình chính sách, hộ neo đơn, hộ bị ảnh hưởng bởi thiên tai ở ${commune}.`,
      activities: `Ban Chỉ huy Quân sự ${ctx.xa} lập danh sách các hộ cần giúp, phân công từng tổ dân quân phụ trách; mỗi tháng tổ chức ít nhất một ngày giúp dân. Khi có bão lũ, dân quân trực 24/24 giờ, giúp dân chằng chống nhà cửa, di dời tài sản, sau đó dọn bùn đất, sửa nhà. Đơn vị kết hợp tuyên truyền chính sách nghĩa vụ quân sự, quốc phòng toàn dân.`,
      leadBodies: `${org.military}.`,
      partnerBodies: `${org.party}; ${org.ubnd}; ${org.youth}; ${org.police}.`,
      workDays,
      nonState: `Dân quân tự túc ăn uống khi giúp dân; Nhân dân và doanh nghiệp hỗ trợ vật liệu sửa nhà.`,
      results: `${ctx.since}, lực lượng dân quân đã đóng góp ${fmt(workDays)} ngày công, giúp ${hh} hộ thu hoạch, sửa chữa ${houses} căn nhà, khơi thông ${r.int(2, 12)} km kênh mương sau lũ. Công tác tuyển quân của ${ctx.xa} luôn hoàn thành chỉ tiêu.`,
      sustainability: `Ngày giúp dân đã thành nền nếp trong kế hoạch huấn luyện hằng năm của đơn vị.`,
      holderName: r.pick([org.military, `Trung đội dân quân cơ động ${commune}`]),
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'work_days', name: 'Ngày công giúp dân', value: workDays, unit: 'ngày công' },
        { kindCode: 'houses', name: 'Nhà được sửa chữa', value: houses, unit: 'căn' },
        { kindCode: 'households', name: 'Số hộ được giúp đỡ', value: hh, unit: 'hộ' },
      ],
    };
  },
};

export const toTruongAnNinh: Scenario = {
  id: 'to-truong-an-ninh',
  field: 'quoc-phong-an-ninh',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const p = ctx.person(r.chance(0.85) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const role =
      ctx.refYear >= 2024 ? `Tổ trưởng Tổ bảo vệ an ninh, trật tự ở cơ sở ${h.full}` : `Công an viên ${h.full}`;
    const veteran = p.gender === 'm' && r.chance(0.5);
    const tips = r.int(6, 30);
    const mediated = r.int(5, 25);
    const youth = r.int(3, 12);
    const title = r.pick([
      `${P} ${p.name} – “lá chắn” bình yên của ${h.full}`,
      `${veteran ? 'Cựu chiến binh' : P} ${p.name} giữ bình yên cho ${h.full}`,
    ]);
    return {
      title,
      summary: `${veteran ? `Là cựu chiến binh, ${p.pronoun} ${p.short}` : `${P} ${p.short}`} đã cung cấp ${tips} nguồn tin, hòa giải ${mediated} vụ mâu thuẫn và cảm hóa ${youth} thanh niên lầm lỗi, góp phần giữ bình yên cho ${h.full}.`,
      situation: `${h.Full} có nhiều người từ nơi khác đến thuê trọ, làm việc; từng xuất hiện tụ điểm cờ bạc, thanh thiếu niên tụ tập uống rượu, gây gổ.`,
      goals: `Giữ vững an ninh trật tự trên địa bàn; không để phát sinh tụ điểm tệ nạn; giúp người lầm lỗi tái hòa nhập cộng đồng.`,
      beneficiaries: `Nhân dân ${h.full}, nhất là thanh thiếu niên và người sau cai nghiện, chấp hành xong án phạt tù.`,
      activities: `${P} ${p.short} cùng tổ viên tuần tra ban đêm, nắm chắc số người tạm trú; kịp thời báo công an ${ctx.xa} khi phát hiện dấu hiệu vi phạm. Với thanh niên lầm lỗi, ${p.pronoun} đến nhà trò chuyện, giới thiệu việc làm, vận động gia đình cùng quản lý, giúp đỡ.`,
      leadBodies: `${P} ${p.name}; ${org.police}.`,
      partnerBodies: `Chi bộ, Ban công tác Mặt trận ${h.full}; Chi đoàn ${h.full}; ${org.veterans}.`,
      nonState: `${P} ${p.short} tự túc phương tiện, điện thoại; các hộ kinh doanh hỗ trợ việc làm cho người lầm lỗi.`,
      results: `${ctx.since}, ${p.pronoun} ${p.short} đã cung cấp ${tips} nguồn tin có giá trị, hòa giải thành ${mediated} vụ việc; ${youth} thanh niên được cảm hóa đã có việc làm ổn định. ${h.Full} không còn tụ điểm cờ bạc, tệ nạn.`,
      sustainability: `Kinh nghiệm của ${p.pronoun} được công an ${ctx.xa} phổ biến cho các tổ bảo vệ an ninh, trật tự khác.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { name: 'Nguồn tin cung cấp cho công an', value: tips, unit: 'nguồn tin' },
        { kindCode: 'people', name: 'Người lầm lỗi được cảm hóa, giúp đỡ', value: youth, unit: 'người' },
      ],
    };
  },
};

export const pcccLienGia: Scenario = {
  id: 'pccc-lien-gia',
  field: 'quoc-phong-an-ninh',
  type: 'collective',
  where: 'urban',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const groups = r.int(5, 20);
    const hh = groups * r.int(8, 14);
    const extinguishers = r.int(groups, groups * 3);
    const drills = r.int(2, 8);
    const moneyM = round(extinguishers * r.dec(0.5, 1.2, 1) + groups * 2, 0.5);
    const contact = ctx.person('m');
    const title = r.pick([
      `Tổ liên gia an toàn phòng cháy, chữa cháy ${h.full}`,
      `“Điểm chữa cháy công cộng” ở ${h.full}`,
    ]);
    return {
      title,
      summary: `${hh} hộ ${h.full} lập ${groups} tổ liên gia an toàn phòng cháy, chữa cháy, trang bị ${extinguishers} bình chữa cháy tại các điểm chữa cháy công cộng và tự thực tập phương án.`,
      situation: `${h.Full} có nhiều nhà ống, nhà kết hợp kinh doanh, ngõ nhỏ xe chữa cháy khó vào; nhiều hộ lắp khung sắt kín, chưa có lối thoát nạn thứ hai.`,
      goals: `Mỗi cụm 8–14 hộ có một tổ liên gia với bình chữa cháy dùng chung; 100% hộ được hướng dẫn kỹ năng thoát nạn; xử lý kịp thời đám cháy ngay từ khi mới phát sinh.`,
      beneficiaries: `${hh} hộ dân ${h.full}.`,
      activities: `Công an phường hướng dẫn lập tổ, chọn điểm đặt bình, lập sơ đồ thoát nạn; các hộ góp tiền mua bình và mở thêm lối thoát trên mái, ban công. Mỗi năm tổ thực tập phương án chữa cháy ${words(drills)} lần, có tình huống giả định vào ban đêm.`,
      leadBodies: `${org.police}; Ban công tác Mặt trận ${h.full}.`,
      partnerBodies: `Tổ bảo vệ an ninh, trật tự ở cơ sở; Chi đoàn ${h.full}; các hộ kinh doanh.`,
      moneyMillion: moneyM,
      nonState: `Nhân dân đóng góp ${money(moneyM)} mua bình chữa cháy, kệ đựng, biển báo.`,
      results: `${ctx.since}, ${groups} tổ liên gia duy trì hoạt động, ${extinguishers} bình chữa cháy được kiểm tra định kỳ; ${r.int(30, 80)}% hộ đã mở lối thoát nạn thứ hai. Các tổ đã kịp thời dập tắt ${r.int(1, 4)} vụ cháy nhỏ, không để lan rộng.`,
      sustainability: `Bình chữa cháy được nạp lại bằng quỹ tổ; mô hình được công an nhân rộng ở các khu dân cư đông đúc khác.`,
      holderName: `Nhân dân ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ tham gia tổ liên gia', value: hh, unit: 'hộ' },
        { name: 'Bình chữa cháy trang bị', value: extinguishers, unit: 'bình' },
        { kindCode: 'money_million', name: 'Kinh phí huy động', value: moneyM, unit: 'triệu đồng' },
      ],
    };
  },
};

export const nguoiUyTinBienGioi: Scenario = {
  id: 'nguoi-uy-tin-bien-gioi',
  field: 'quoc-phong-an-ninh',
  type: 'individual',
  requires: 'border',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, borderPost } = ctx;
    const p = ctx.person('m', { ethnic: true });
    const P = upperFirst(p.pronoun);
    const hh = r.int(40, 140);
    const tips = r.int(5, 25);
    const title = r.pick([
      `${P} ${p.name} – “cột mốc sống” nơi biên giới ${commune}`,
      `Người có uy tín ${p.name} cùng bộ đội biên phòng giữ bình yên ${h.full}`,
    ]);
    return {
      title,
      summary: `Là người có uy tín ở ${h.full}, ${p.pronoun} ${p.short} vận động ${hh} hộ tham gia tự quản đường biên, mốc giới và cung cấp ${tips} nguồn tin giúp ${borderPost} ngăn chặn xuất, nhập cảnh trái phép.`,
      situation: `${h.Full} giáp biên giới, có đường mòn qua lại; các đối tượng xấu lợi dụng lôi kéo người dân vượt biên trái phép, buôn bán hàng lậu.`,
      goals: `Không có người dân ${h.full} vượt biên trái phép hay tiếp tay cho buôn lậu; tham gia bảo vệ đường biên, mốc giới.`,
      beneficiaries: `${hh} hộ dân ${h.full}.`,
      activities: `${P} ${p.short} thường xuyên đi cùng tổ công tác của ${borderPost} đến từng nhà, dùng tiếng đồng bào giải thích chính sách, pháp luật; phát hiện người lạ là báo ngay cho đồn. ${P} còn hướng dẫn bà con trồng rừng, chăn nuôi để có thu nhập, không bị lôi kéo.`,
      leadBodies: `${P} ${p.name}; ${borderPost}.`,
      partnerBodies: `Chi bộ ${h.full}; ${ctx.org.police}; ${ctx.org.mttq}.`,
      nonState: `${P} ${p.short} tự túc khi tham gia tuần tra, vận động; không sử dụng kinh phí.`,
      results: `${ctx.since}, ${hh} hộ ký cam kết tự quản, ${tips} nguồn tin được cung cấp kịp thời; ${h.kind} không có người vượt biên trái phép, không có vụ buôn lậu.`,
      sustainability: `${P} ${p.short} đang kèm cặp lớp người có uy tín trẻ để tiếp nối công việc.`,
      holderName: p.name,
      holderRole: `Người có uy tín, ${h.full}`,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Số hộ ký cam kết tự quản', value: hh, unit: 'hộ' },
        { name: 'Nguồn tin cung cấp cho biên phòng', value: tips, unit: 'nguồn tin' },
      ],
    };
  },
};
