/** Field "kinh-te" (economy): land for roads, production groups, savings, land consolidation, exemplary farmers. */
import type { Scenario } from './ctx.js';
import { dec, fmt, money, round, upperFirst, words } from './text.js';

const roadWidths: [number, number][] = [
  [3, 5],
  [3.5, 6],
  [2.5, 4.5],
  [3, 5.5],
  [4, 7],
];

export const hienDatMoDuong: Scenario = {
  id: 'hien-dat-mo-duong',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const hh = r.int(35, 140);
    const total = hh + r.int(20, 110);
    const land = round(hh * r.int(14, 42), 10);
    const road = r.dec(0.8, 4.5, 1);
    const [w0, w1] = r.pick(roadWidths);
    const fence = round(hh * r.int(6, 14), 10);
    const cement = r.step(80, 420, 10);
    const stateMoney = round(cement * 1.6, 5);
    const people = round(road * r.int(140, 380), 5);
    const workDays = round(hh * r.int(8, 20), 10);
    const head = ctx.person('m');
    const holder = r.pick([`Chi bộ ${h.full}`, `Ban công tác Mặt trận ${h.full}`, `Ban phát triển ${h.full}`]);
    const title = r.pick([
      `Dân vận khéo trong hiến đất mở rộng đường giao thông nông thôn ở ${h.full}`,
      `Chung sức hiến đất mở đường ở ${h.full}, ${commune}`,
      `Nhà nước và Nhân dân cùng làm đường giao thông ${h.full}`,
      `Hiến đất mở rộng đường trục ${h.kind} ở ${h.full}, ${commune}`,
    ]);
    return {
      title,
      summary: `${hh} hộ dân ${h.full} tự nguyện hiến ${fmt(land)} m² đất, tháo dỡ tường rào, cổng ngõ để mở rộng ${dec(road)} km đường giao thông nông thôn từ ${dec(w0)} m lên ${dec(w1)} m.`,
      situation: r.pick([
        `Trước năm ${ctx.startedYear}, tuyến đường trục chính của ${h.full} chỉ rộng ${dec(w0)} m, nhiều đoạn quanh co, xuống cấp; mùa mưa lầy lội, xe chở nông sản không vào được. Nhiều hộ có nhà, tường rào sát mép đường nên việc vận động mở rộng gặp không ít khó khăn.`,
        `Đường giao thông của ${h.full} nhỏ hẹp, mặt đường chỉ ${dec(w0)} m, hai xe máy tránh nhau đã khó. Tiêu chí giao thông là tiêu chí khó nhất trong xây dựng nông thôn mới của ${h.full}, trong khi ngân sách xã không đủ để bồi thường đất.`,
      ]),
      goals: `Mở rộng mặt đường lên ${dec(w1)} m và cứng hóa toàn tuyến ${dec(road)} km; 100% hộ có đất dọc tuyến tự nguyện hiến đất, không phát sinh đơn thư, khiếu kiện; góp phần hoàn thành tiêu chí giao thông trong xây dựng nông thôn mới.`,
      beneficiaries: `${total} hộ với khoảng ${fmt(total * r.int(4, 5))} nhân khẩu của ${h.full}, cùng người dân các ${h.kind} lân cận đi lại trên tuyến đường.`,
      activities: `Chi bộ ${h.full} ra nghị quyết chuyên đề, giao mỗi đảng viên phụ trách một nhóm hộ dọc tuyến; Ban công tác Mặt trận tổ chức ${words(r.int(3, 6))} cuộc họp dân để bàn phương án, công khai thiết kế và mức Nhà nước hỗ trợ. Cán bộ, đảng viên và người có uy tín gương mẫu hiến đất trước, rồi kiên trì đến từng nhà vận động những hộ còn băn khoăn. Người dân góp ngày công tháo dỡ tường rào, di dời cây cối, đổ bê tông mặt đường.`,
      leadBodies: holder.startsWith('Chi bộ') ? `${holder}; Ban phát triển ${h.full}.` : `Chi bộ ${h.full}; ${holder}.`,
      partnerBodies: `${org.mttq}; ${org.farmers}; ${org.veterans}; ${org.women}; ${org.ubnd} (hỗ trợ xi măng, hướng dẫn kỹ thuật).`,
      moneyMillion: stateMoney + people,
      workDays,
      nonState: `Nhân dân đóng góp ${money(people)} và ${fmt(workDays)} ngày công; giá trị đất hiến và tài sản tự tháo dỡ không tính bồi thường. UBND ${ctx.xa} hỗ trợ ${fmt(cement)} tấn xi măng (khoảng ${money(stateMoney)}).`,
      results: `${ctx.since}, ${h.full} đã mở rộng, bê tông hóa ${dec(road)} km đường với mặt đường rộng ${dec(w1)} m; ${hh} hộ hiến ${fmt(land)} m² đất, tháo dỡ ${fmt(fence)} m tường rào mà không nhận bồi thường. Tổng kinh phí ${money(stateMoney + people)}, trong đó Nhân dân đóng góp ${money(people)}. Không có đơn thư khiếu nại trong suốt quá trình thi công.`,
      sustainability: r.pick([
        `${h.Full} đưa việc giữ gìn tuyến đường vào hương ước, giao các hộ tự quản đoạn đường trước nhà. Cách làm “bàn dân chủ, làm công khai” đã được ${commune} nhân rộng ra ${words(r.int(2, 6))} ${h.kind} khác.`,
        `Mỗi tháng các hộ tổng vệ sinh tuyến đường một lần; Ban công tác Mặt trận duy trì quỹ bảo dưỡng đường do Nhân dân tự nguyện đóng góp. ${upperFirst(commune)} đã tổ chức cho các thôn khác đến học tập cách vận động.`,
      ]),
      holderName: holder,
      holderRole: 'Tập thể',
      contact: head,
      indicators: [
        { kindCode: 'households', name: 'Số hộ hiến đất', value: hh, unit: 'hộ' },
        { kindCode: 'land_m2', name: 'Diện tích đất hiến', value: land, unit: 'm²' },
        { kindCode: 'road_km', name: 'Đường giao thông mở rộng, bê tông hóa', value: road, unit: 'km' },
        { kindCode: 'money_million', name: 'Kinh phí huy động', value: stateMoney + people, unit: 'triệu đồng' },
      ],
      tags: ['ntm'],
    };
  },
};

export const nguoiMoDuong: Scenario = {
  id: 'nguoi-mo-duong',
  field: 'kinh-te',
  type: 'individual',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const p = ctx.person(r.chance(0.75) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const role = r.pick([
      `Bí thư Chi bộ, Trưởng ${h.full}`,
      `Trưởng ${h.full}`,
      `Bí thư Chi bộ ${h.full}`,
      `Trưởng Ban công tác Mặt trận ${h.full}`,
    ]);
    const own = round(r.int(80, 650), 5);
    const hh = r.int(22, 95);
    const land = own + round(hh * r.int(15, 40), 10);
    const road = r.dec(1, 5.5, 1);
    const visits = r.int(4, 9);
    const money_ = round(road * r.int(120, 300), 5);
    const title = r.pick([
      `${P} ${p.name} – người “giữ lửa” phong trào hiến đất ở ${h.full}`,
      `${P} ${p.name} – người “mở đường” ở ${h.full}`,
      `${P} ${p.name} gương mẫu hiến đất, vận động bà con ${h.full} mở rộng đường`,
    ]);
    return {
      title,
      summary: `Là ${role.replace('Trưởng Ban', 'Trưởng ban')}, ${p.pronoun} ${p.short} hiến trước ${fmt(own)} m² đất vườn rồi kiên trì vận động ${hh} hộ hiến tổng cộng ${fmt(land)} m² đất để làm mới, mở rộng ${dec(road)} km đường ${h.kind}.`,
      situation: `Năm ${ctx.startedYear}, ${h.full} được hỗ trợ xi măng để mở rộng đường trục chính nhưng nhiều hộ còn e ngại vì phải hiến đất ở, đất vườn, có hộ phải dỡ cả công trình phụ. Có thời điểm chỉ khoảng một nửa số hộ đồng ý, công trình có nguy cơ phải dừng.`,
      goals: `Vận động 100% hộ có đất dọc tuyến tự nguyện hiến đất; hoàn thành ${dec(road)} km đường bê tông rộng tối thiểu ${r.pick(['4', '4,5', '5'])} m đúng kế hoạch; giữ đoàn kết trong cộng đồng.`,
      beneficiaries: `Toàn bộ ${r.int(hh + 20, hh + 120)} hộ của ${h.full}; học sinh và người dân các ${h.kind} lân cận đi qua tuyến đường.`,
      activities: `${P} ${p.short} cùng gia đình hiến trước ${fmt(own)} m² đất vườn, tự tháo dỡ tường rào, cổng ngõ. Sau đó ${p.pronoun} đến từng nhà, gặp riêng những hộ còn băn khoăn để trao đổi, có nhà phải đến ${words(visits)} lần mới thông. Với các hộ neo đơn, ${p.pronoun} vận động đoàn viên thanh niên, hội viên cựu chiến binh giúp ngày công dựng lại cổng, tường rào.`,
      leadBodies: `${P} ${p.name} (người khởi xướng, trực tiếp vận động); Chi bộ ${h.full}.`,
      partnerBodies: `Ban công tác Mặt trận ${h.full}; Chi đoàn, Chi hội Cựu chiến binh ${h.full}; ${org.ubnd}.`,
      moneyMillion: money_,
      workDays: round(hh * r.int(6, 12), 10),
      nonState: `Nhân dân góp ${money(money_)} và ngày công; gia đình ${p.pronoun} ${p.short} tự chi phí tháo dỡ, xây lại tường rào.`,
      results: `${ctx.since}, ${hh} hộ đã hiến ${fmt(land)} m² đất; ${dec(road)} km đường được bê tông hóa, ô tô vào tận ngõ. Không hộ nào phải cưỡng chế, không có đơn thư. ${P} ${p.short} được ${commune} chọn làm báo cáo viên chia sẻ kinh nghiệm vận động ở các ${h.kind} khác.`,
      sustainability: `Cách làm “cán bộ đi trước, dân làm theo” của ${p.pronoun} ${p.short} được Chi bộ đưa vào nghị quyết hằng năm; các ${ctx.thon} trong ${ctx.xa} đã áp dụng khi triển khai làm đường, kênh mương.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Số hộ được vận động hiến đất', value: hh, unit: 'hộ' },
        { kindCode: 'land_m2', name: 'Diện tích đất hiến', value: land, unit: 'm²' },
        { kindCode: 'road_km', name: 'Đường giao thông làm mới, mở rộng', value: road, unit: 'km' },
      ],
      tags: ['ntm'],
    };
  },
};

export const toHopTac: Scenario = {
  id: 'to-hop-tac',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org, crop } = ctx;
    const members = r.int(9, 35);
    const area = r.dec(3, 26, 1);
    const revenuePerHh = r.step(60, 240, 5);
    const training = r.int(3, 12);
    const chair = ctx.person();
    const group = r.pick([`Tổ hợp tác ${crop.activity} ${h.full}`, `Tổ liên kết ${crop.activity} ${h.full}`]);
    const title = r.pick([
      group,
      `Hội Nông dân ${commune} liên kết ${crop.activity}`,
      `Chi hội Nông dân ${h.full} liên kết ${crop.activity}`,
    ]);
    const money_ = round(members * r.int(8, 25), 5);
    return {
      title,
      summary: `${members} hộ hội viên nông dân ${h.full} liên kết ${crop.activity} trên diện tích ${dec(area)} ha, có hợp đồng bao tiêu sản phẩm; thu nhập bình quân đạt khoảng ${fmt(revenuePerHh)} triệu đồng/hộ/năm.`,
      situation: `Trước đây, các hộ ở ${h.full} sản xuất ${crop.name} nhỏ lẻ, mỗi nhà một cách, lạm dụng phân bón, thuốc bảo vệ thực vật; ${crop.product} bán qua thương lái nên giá bấp bênh, nhiều vụ được mùa mất giá.`,
      goals: `Hình thành tổ sản xuất theo quy trình thống nhất, có mã vùng trồng và truy xuất nguồn gốc; ký hợp đồng tiêu thụ ổn định; nâng thu nhập của các hộ thành viên thêm ít nhất 20%.`,
      beneficiaries: `${members} hộ thành viên và hơn ${round(members * 2.5, 5)} hộ trồng ${crop.name} trong vùng được chuyển giao kỹ thuật.`,
      activities: `${org.farmers} vận động các hộ góp vốn, góp đất thành lập tổ, xây dựng quy chế hoạt động dân chủ, công khai. Hội phối hợp với cán bộ khuyến nông mở ${words(training)} lớp tập huấn, hướng dẫn ghi nhật ký đồng ruộng, dán tem truy xuất nguồn gốc bằng mã QR. Hội làm cầu nối để tổ ký hợp đồng bao tiêu với doanh nghiệp và đưa ${crop.product} lên sàn thương mại điện tử.`,
      leadBodies: `${org.farmers}; Chi hội Nông dân ${h.full}.`,
      partnerBodies: `${org.ubnd} (bộ phận khuyến nông); Ngân hàng Chính sách xã hội; doanh nghiệp bao tiêu sản phẩm; ${org.women}.`,
      moneyMillion: money_,
      workDays: round(members * r.int(20, 50), 10),
      nonState: `Các hộ thành viên góp vốn ${money(money_)} để mua máy móc, vật tư; doanh nghiệp ứng trước giống, phân bón và bao tiêu sản phẩm.`,
      results: `${ctx.since}, tổ đã được cấp mã vùng trồng cho ${dec(area)} ha; giá bán ${crop.product} cao hơn trước ${r.int(10, 30)}–${r.int(31, 45)}%. Thu nhập bình quân của các hộ thành viên đạt khoảng ${fmt(revenuePerHh)} triệu đồng/hộ/năm; ${r.int(2, 6)} hộ nghèo, cận nghèo tham gia tổ đã có thu nhập ổn định.`,
      sustainability: `Tổ hoạt động theo quy chế, có quỹ chung để tái đầu tư; đang hoàn thiện hồ sơ chuyển thành hợp tác xã. Mô hình được ${org.farmers} nhân rộng thêm ${words(r.int(2, 4))} tổ hợp tác ở các thôn khác.`,
      holderName: title === group ? group : r.pick([`Chi hội Nông dân ${h.full}`, org.farmers]),
      holderRole: 'Tập thể',
      contact: chair,
      indicators: [
        { kindCode: 'households', name: 'Số hộ thành viên', value: members, unit: 'hộ' },
        { name: 'Diện tích sản xuất liên kết', value: area, unit: 'ha' },
        { name: 'Thu nhập bình quân của hộ thành viên', value: revenuePerHh, unit: 'triệu đồng/hộ/năm' },
      ],
      tags: ['ntm'],
    };
  },
};

export const tietKiemThoatNgheo: Scenario = {
  id: 'tiet-kiem-thoat-ngheo',
  field: 'kinh-te',
  type: 'collective',
  where: 'rural',
  build(ctx) {
    const { rng: r, hamlet: h, commune, org } = ctx;
    const members = r.int(24, 75);
    const monthly = r.pick([30, 50, 100]);
    const years = Math.max(1, ctx.refYear - ctx.startedYear);
    const fund = round((members * monthly * 12 * years) / 1000 + r.int(5, 30), 1);
    const borrowers = r.int(12, Math.min(45, members));
    const outOfPoverty = r.int(3, Math.max(4, Math.floor(borrowers / 3)));
    const leader = ctx.person('f');
    const title = r.pick([
      `Chi hội phụ nữ tiết kiệm giúp nhau thoát nghèo ở ${h.full}`,
      `Tổ phụ nữ tiết kiệm – vay vốn xoay vòng ${h.full}`,
      `“Hũ gạo tình thương, đồng vốn xoay vòng” của phụ nữ ${h.full}`,
    ]);
    return {
      title,
      summary: `${members} hội viên phụ nữ ${h.full} mỗi tháng tiết kiệm ${fmt(monthly * 1000)} đồng, lập quỹ cho hội viên nghèo vay không lãi để phát triển sản xuất; đã có ${outOfPoverty} hộ thoát nghèo.`,
      situation: `Nhiều hội viên phụ nữ ở ${h.full} thuộc hộ nghèo, cận nghèo, thiếu vốn sản xuất, có lúc phải vay nặng lãi để mua giống, mua phân. Các buổi sinh hoạt chi hội trước đây đơn điệu, hội viên tham gia không đều.`,
      goals: `Mỗi năm giúp ít nhất ${words(r.int(5, 10))} hội viên được vay vốn xoay vòng; không còn hội viên phải vay nặng lãi; giảm số hộ nghèo trong chi hội.`,
      beneficiaries: `${members} hội viên Chi hội Phụ nữ ${h.full}, trong đó ưu tiên hộ nghèo, cận nghèo, phụ nữ đơn thân.`,
      activities: `Chi hội bàn bạc, thống nhất mức tiết kiệm ${fmt(monthly * 1000)} đồng/tháng, thu tại buổi sinh hoạt và công khai sổ quỹ. Hội viên được xét cho vay ${r.pick(['3', '5', '10'])} triệu đồng, thời hạn 12 tháng, không lãi; tổ giám sát đến tận nhà hướng dẫn dùng vốn đúng mục đích. Chi hội kết hợp chia sẻ kinh nghiệm chăn nuôi, trồng trọt và giới thiệu hội viên vay vốn Ngân hàng Chính sách xã hội.`,
      leadBodies: `Chi hội Phụ nữ ${h.full}; ${org.women}.`,
      partnerBodies: `Ban công tác Mặt trận ${h.full}; Ngân hàng Chính sách xã hội (tổ tiết kiệm và vay vốn); Chi hội Nông dân ${h.full}.`,
      moneyMillion: fund,
      nonState: `Quỹ do hội viên tự nguyện đóng góp, cùng ${money(round(fund * 0.15, 1))} từ các nhà hảo tâm, con em xa quê.`,
      results: `${ctx.since}, quỹ đạt ${money(fund)}, đã quay vòng cho ${borrowers} lượt hội viên vay; ${outOfPoverty} hộ thoát nghèo, ${r.int(2, 8)} hộ có mô hình chăn nuôi cho thu nhập ổn định. Tỷ lệ hội viên sinh hoạt đều đặn tăng từ ${r.int(50, 65)}% lên ${r.int(88, 98)}%.`,
      sustainability: `Quỹ được quản lý theo quy chế, kiểm tra công khai mỗi quý nên hội viên tin tưởng. Mô hình được ${org.women} chọn nhân rộng ở các chi hội trong ${commune}.`,
      holderName: `Chi hội Phụ nữ ${h.full}`,
      holderRole: 'Tập thể',
      contact: leader,
      indicators: [
        { kindCode: 'households', name: 'Số hội viên tham gia', value: members, unit: 'hộ' },
        { kindCode: 'money_million', name: 'Quỹ tiết kiệm huy động', value: fund, unit: 'triệu đồng' },
        { name: 'Hộ thoát nghèo', value: outOfPoverty, unit: 'hộ' },
      ],
      tags: ['ngheo'],
    };
  },
};
