/** Field "xay-dung-dang" (Party and political system): 1+10, Zalo groups, cadres among the people, one-stop shop, dialogue, a cell secretary. */
import type { Scenario } from './ctx.js';
import { fmt, pct, round, upperFirst } from './text.js';

export const motCongMuoi: Scenario = {
  id: 'dan-van-kheo-1-10',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const members = r.int(120, 480);
    const hh = Math.min(members * 10, r.int(members * 6, members * 10));
    const issues = r.int(60, 320);
    const contact = ctx.person();
    const title = r.pick([
      '“Dân vận khéo 1+10” – mỗi đảng viên kèm cặp 10 hộ',
      `“Dân vận khéo 1+10” ở ${commune}`,
      `Mỗi đảng viên phụ trách 10 hộ gia đình ở ${commune}`,
    ]);
    return {
      title,
      summary: `${org.party} phân công mỗi cán bộ, đảng viên phụ trách 10 hộ gia đình nơi cư trú: nắm tâm tư, tuyên truyền, vận động và giúp đỡ; ${members} đảng viên đã kết nối với ${fmt(hh)} hộ.`,
      situation: `Sau khi ${ctx.startedYear >= 2025 ? `sắp xếp đơn vị hành chính, địa bàn ${ctx.xa} rộng hơn` : 'sáp nhập các thôn, tổ dân phố, địa bàn rộng'}, dân cư đông, cán bộ chuyên trách không thể nắm hết tình hình từng hộ; một số chủ trương triển khai chậm vì người dân chưa thông.`,
      goals: `100% đảng viên (trừ đảng viên được miễn sinh hoạt) nhận phụ trách hộ; 100% hộ dân có đảng viên theo dõi; kiến nghị của dân được phản ánh và trả lời trong vòng 15 ngày.`,
      beneficiaries: `${fmt(hh)} hộ gia đình trên địa bàn ${commune}; cán bộ, đảng viên của ${org.party}.`,
      activities: `Các chi bộ lập danh sách phân công cụ thể, công khai tên, số điện thoại đảng viên phụ trách tại nhà văn hóa. Đảng viên đến thăm các hộ ít nhất mỗi quý một lần, ghi sổ tay những ý kiến, khó khăn, báo cáo tại sinh hoạt chi bộ hằng tháng. Kết quả phụ trách hộ là một tiêu chí đánh giá, xếp loại đảng viên cuối năm.`,
      leadBodies: `${org.party}.`,
      partnerBodies: `${org.ubnd}; ${org.mttq} và các đoàn thể; chi bộ các thôn, tổ dân phố.`,
      nonState: `Không phát sinh kinh phí; đảng viên tự bố trí thời gian ngoài giờ làm việc.`,
      results: `${ctx.since}, đảng viên đã tiếp nhận ${issues} ý kiến, kiến nghị của Nhân dân, ${pct(r.dec(0.85, 0.98, 2))} đã được giải quyết hoặc trả lời; việc vận động hiến đất, thu các khoản đóng góp, tiêm chủng đều đạt và vượt kế hoạch. ${r.int(3, 12)} quần chúng ưu tú trong các hộ được đảng viên giới thiệu đã được kết nạp Đảng.`,
      sustainability: `Mô hình được cụ thể hóa trong quy chế làm việc của ${org.party} và duy trì qua các năm; nhiều địa phương đã đến học tập.`,
      holderName: org.party,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'people', name: 'Đảng viên tham gia', value: members, unit: 'người' },
        { kindCode: 'households', name: 'Số hộ được đảng viên phụ trách', value: hh, unit: 'hộ' },
        { name: 'Ý kiến, kiến nghị được tiếp nhận', value: issues, unit: 'ý kiến' },
      ],
    };
  },
};

export const zalo: Scenario = {
  id: 'zalo-ket-noi',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, hamlet: h, org } = ctx;
    const hh = r.int(90, 420);
    const groups = r.int(2, 5);
    const issues = r.int(30, 160);
    const contact = ctx.person();
    const title = r.pick([
      `Nhóm Zalo “${h.Full} đoàn kết” – cầu nối giữa chi bộ với Nhân dân`,
      `“Zalo kết nối” – nghe dân nói qua mạng xã hội ở ${h.full}`,
      `Chi bộ ${h.full} lắng nghe dân qua nhóm Zalo`,
    ]);
    return {
      title,
      summary: `Chi bộ ${h.full} lập ${groups} nhóm Zalo kết nối ${hh}/${hh} hộ, dùng để thông tin chủ trương, lấy ý kiến dân trước khi quyết định việc chung và tiếp nhận phản ánh.`,
      situation: `Nhiều người dân ${h.full} đi làm ăn xa, ít dự họp thôn; thông tin qua loa truyền thanh không đến được tất cả mọi người, dẫn đến hiểu sai, bức xúc khi triển khai công việc chung.`,
      goals: `100% hộ có ít nhất một thành viên tham gia nhóm; mọi việc chung đều được công khai, lấy ý kiến; phản ánh của dân được trả lời trong vòng 3 ngày.`,
      beneficiaries: `${hh} hộ dân ${h.full}, kể cả người đang làm ăn xa.`,
      activities: `Chi bộ phân công đảng viên trẻ quản trị nhóm, có quy chế hoạt động: không đăng tin sai sự thật, không bình luận thiếu văn hóa. Các khoản thu, chi, dự toán công trình và kết quả họp thôn đều được đăng công khai; việc lớn thì tạo bình chọn để người ở xa cũng được “bàn”. Ý kiến phản ánh được tổng hợp, báo cáo chi bộ và ${org.ubnd}.`,
      leadBodies: `Chi bộ ${h.full}; Ban công tác Mặt trận ${h.full}.`,
      partnerBodies: `${org.ubnd}; ${org.police}; Chi đoàn ${h.full}.`,
      nonState: `Đảng viên, đoàn viên tự nguyện quản trị nhóm; không phát sinh chi phí.`,
      results: `${ctx.since}, các nhóm đã tiếp nhận ${issues} phản ánh, kiến nghị, trong đó phần lớn được giải quyết ngay tại thôn. Việc vận động đóng góp làm đường, hiến đất đạt kết quả cao nhờ người dân ở xa cũng được bàn và giám sát; không có đơn thư vượt cấp.`,
      sustainability: `Mô hình đơn giản, không tốn kém, dễ nhân rộng; ${ctx.commune} đã chỉ đạo tất cả các thôn, tổ dân phố áp dụng.`,
      holderName: `Chi bộ ${h.full}`,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'households', name: 'Số hộ tham gia nhóm Zalo', value: hh, unit: 'hộ' },
        { name: 'Phản ánh, kiến nghị được tiếp nhận', value: issues, unit: 'ý kiến' },
      ],
    };
  },
};

export const ngayCungDan: Scenario = {
  id: 'ngay-cung-dan',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org, Commune } = ctx;
    const cadres = r.int(18, 45);
    const sessions = r.int(20, 90);
    const issues = r.int(40, 220);
    const workDays = (cadres * sessions) / 4;
    const day = r.pick(['thứ Bảy', 'thứ Sáu']);
    const contact = ctx.person();
    const title = r.pick([
      `“Ngày ${day} cùng dân” của cán bộ, công chức ${commune}`,
      `Cán bộ, công chức ${commune} “đi từng ngõ, gõ từng nhà”`,
      `Cán bộ ${commune} về ${ctx.thon} “nghe dân nói, nói dân hiểu”`,
    ]);
    return {
      title,
      summary: `Mỗi ${day}, ${cadres} cán bộ, công chức ${commune} chia nhau về các thôn, tổ dân phố cùng làm, cùng bàn với dân, tiếp nhận và giải quyết kiến nghị ngay tại cơ sở.`,
      situation: `Người dân phản ánh một số cán bộ ít xuống cơ sở, giải quyết việc “trên giấy”; nhiều kiến nghị về đất đai, chính sách bị chậm trả lời, gây bức xúc.`,
      goals: `Mỗi cán bộ, công chức phụ trách một thôn, tổ dân phố; mỗi tháng ít nhất hai buổi có mặt ở cơ sở; kiến nghị của Nhân dân được giải quyết đúng hạn.`,
      beneficiaries: `Nhân dân các thôn, tổ dân phố của ${commune}; đội ngũ cán bộ, công chức ${ctx.xa}.`,
      activities: `${org.party} ban hành kế hoạch, phân công cán bộ theo địa bàn; ${day} hằng tuần, cán bộ dự họp ${ctx.thon}, đi thăm hộ khó khăn, cùng dân làm vệ sinh môi trường, sửa đường. Ý kiến của dân được ghi vào sổ, chuyển bộ phận chuyên môn; kết quả giải quyết được thông báo lại tại thôn.`,
      leadBodies: `${org.party}; ${org.ubnd}.`,
      partnerBodies: `${org.mttq}; các đoàn thể; Chi bộ và Trưởng các thôn, tổ dân phố.`,
      workDays: round(workDays, 10),
      nonState: `Cán bộ tự túc phương tiện; Nhân dân góp công khi cùng làm các phần việc chung.`,
      results: `${ctx.since}, cán bộ đã có ${sessions} buổi làm việc ở cơ sở, tiếp nhận ${issues} kiến nghị, giải quyết ${pct(r.dec(0.88, 0.99, 2))}. Số đơn thư gửi vượt cấp giảm rõ rệt; mức độ hài lòng của người dân với chính quyền ${commune} tăng.`,
      sustainability: `${Commune} đưa nội dung vào quy chế làm việc và tiêu chí đánh giá cán bộ hằng năm.`,
      holderName: org.ubnd,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { kindCode: 'people', name: 'Cán bộ, công chức tham gia', value: cadres, unit: 'người' },
        { name: 'Kiến nghị được tiếp nhận, giải quyết', value: issues, unit: 'kiến nghị' },
      ],
      tags: ['chinhquyen'],
    };
  },
};

export const motCua: Scenario = {
  id: 'mot-cua-than-thien',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const merged = ctx.startedYear >= 2025;
    const office = merged
      ? `Trung tâm Phục vụ hành chính công ${commune}`
      : `Bộ phận tiếp nhận và trả kết quả ${commune}`;
    const files = r.step(1200, 9000, 10);
    const online = r.dec(0.55, 0.92, 2);
    const volunteers = r.int(6, 20);
    const contact = ctx.person('f');
    const title = r.pick([
      `${office} “thân thiện, không giấy hẹn”`,
      `“Tổ công nghệ số cộng đồng” hỗ trợ người dân làm thủ tục trực tuyến ở ${commune}`,
      `${office} “lấy người dân làm trung tâm”`,
    ]);
    return {
      title,
      summary: `${office} niêm yết công khai, hướng dẫn tận tình, kết hợp ${volunteers} đoàn viên hỗ trợ người dân nộp hồ sơ trực tuyến; ${fmt(files)} hồ sơ được giải quyết, ${pct(online)} nộp trực tuyến.`,
      situation: `${merged ? 'Sau sắp xếp đơn vị hành chính, lượng hồ sơ tăng mạnh, người dân ở xa trung tâm phải đi lại nhiều lần.' : 'Người dân phải đi lại nhiều lần vì hồ sơ thiếu giấy tờ, chưa được hướng dẫn đầy đủ.'} Nhiều người cao tuổi chưa biết sử dụng dịch vụ công trực tuyến.`,
      goals: `100% hồ sơ giải quyết đúng hoặc trước hạn; tỷ lệ nộp hồ sơ trực tuyến trên 70%; không để người dân phải đi lại quá một lần vì thiếu hướng dẫn.`,
      beneficiaries: `Người dân, tổ chức đến giao dịch tại ${commune}.`,
      activities: `Công chức được bồi dưỡng kỹ năng giao tiếp, đeo thẻ, có hòm thư và mã QR để người dân đánh giá mức độ hài lòng. ${org.youth} bố trí đoàn viên trực hỗ trợ tại quầy và đến tận nhà người cao tuổi, người khuyết tật để hướng dẫn. Hồ sơ đơn giản được trả ngay trong ngày; nếu trễ hạn, lãnh đạo ${ctx.xa} trực tiếp xin lỗi người dân.`,
      leadBodies: `${org.ubnd}; ${office}.`,
      partnerBodies: `${org.youth}; ${org.police} (hỗ trợ định danh điện tử); bưu điện (dịch vụ trả kết quả tại nhà).`,
      nonState: `Đoàn viên tình nguyện tham gia; doanh nghiệp viễn thông hỗ trợ máy tính bảng, mạng internet tại quầy.`,
      results: `${ctx.since}, đã tiếp nhận và giải quyết ${fmt(files)} hồ sơ, ${pct(r.dec(0.985, 1, 3))} đúng hoặc trước hạn; ${pct(online)} hồ sơ nộp trực tuyến. Mức độ hài lòng của người dân đạt ${pct(r.dec(0.95, 0.99, 2))}.`,
      sustainability: `Quy trình được chuẩn hóa, gắn với đánh giá công chức hằng tháng; tổ công nghệ số cộng đồng được duy trì ở tất cả các ${ctx.thon}.`,
      holderName: office,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Hồ sơ thủ tục hành chính được giải quyết', value: files, unit: 'hồ sơ' },
        { name: 'Tỷ lệ hồ sơ nộp trực tuyến', value: Math.round(online * 100), unit: '%' },
        { kindCode: 'people', name: 'Đoàn viên tình nguyện hỗ trợ', value: volunteers, unit: 'người' },
      ],
      tags: ['chinhquyen'],
    };
  },
};

export const doiThoai: Scenario = {
  id: 'doi-thoai-dinh-ky',
  field: 'xay-dung-dang',
  type: 'collective',
  build(ctx) {
    const { rng: r, commune, org } = ctx;
    const sessions = r.int(4, 18);
    const opinions = r.int(40, 220);
    const solved = r.dec(0.86, 0.98, 2);
    const contact = ctx.person();
    const title = r.pick([
      `Đối thoại định kỳ giữa Bí thư, Chủ tịch ${commune} với Nhân dân`,
      `“Lắng nghe để hành động” – người đứng đầu ${commune} đối thoại với dân`,
    ]);
    return {
      title,
      summary: `Bí thư Đảng ủy, Chủ tịch UBND ${commune} tổ chức ${sessions} buổi đối thoại trực tiếp với Nhân dân tại các ${ctx.thon}, tiếp nhận ${opinions} ý kiến, giải quyết dứt điểm ${pct(solved)}.`,
      situation: `Một số vụ việc về đất đai, môi trường, chế độ chính sách tồn đọng lâu, người dân gửi đơn nhiều nơi; niềm tin của một bộ phận Nhân dân với chính quyền bị ảnh hưởng.`,
      goals: `Mỗi quý ít nhất một buổi đối thoại; người đứng đầu trực tiếp trả lời, hẹn thời gian giải quyết và thông báo kết quả; giảm đơn thư vượt cấp.`,
      beneficiaries: `Nhân dân ${commune}, nhất là các hộ có vụ việc tồn đọng.`,
      activities: `Trước mỗi buổi, Ủy ban MTTQ ${ctx.xa} tổng hợp ý kiến qua các ${ctx.thon}; bộ phận chuyên môn chuẩn bị hồ sơ để trả lời. Buổi đối thoại được tổ chức tại nhà văn hóa ${ctx.thon}, phát trực tiếp trên trang thông tin điện tử của ${ctx.xa}. Những việc chưa trả lời được, người đứng đầu giao rõ người, rõ thời hạn và báo cáo lại tại buổi sau.`,
      leadBodies: `${org.party}; ${org.ubnd}.`,
      partnerBodies: `${org.mttq}; Ban Thanh tra nhân dân; các đoàn thể.`,
      nonState: `Không phát sinh kinh phí lớn; địa điểm do các ${ctx.thon} bố trí.`,
      results: `${ctx.since}, ${sessions} buổi đối thoại thu hút ${fmt(sessions * r.int(60, 150))} lượt người dân tham dự; ${opinions} ý kiến được tiếp nhận, ${pct(solved)} đã giải quyết dứt điểm, ${r.int(2, 8)} vụ việc tồn đọng nhiều năm được khép lại.`,
      sustainability: `Đối thoại định kỳ được đưa vào quy chế thực hiện dân chủ ở cơ sở của ${ctx.xa} và duy trì thường xuyên.`,
      holderName: org.party,
      holderRole: 'Tập thể',
      contact,
      indicators: [
        { name: 'Buổi đối thoại', value: sessions, unit: 'buổi' },
        { name: 'Ý kiến của Nhân dân được tiếp nhận', value: opinions, unit: 'ý kiến' },
      ],
      tags: ['chinhquyen'],
    };
  },
};

export const biThuChiBo: Scenario = {
  id: 'bi-thu-chi-bo',
  field: 'xay-dung-dang',
  type: 'individual',
  build(ctx) {
    const { rng: r, hamlet: h } = ctx;
    const p = ctx.person(r.chance(0.7) ? 'm' : 'f');
    const P = upperFirst(p.pronoun);
    const hh = r.int(110, 380);
    const newMembers = r.int(2, 9);
    const both = r.chance(0.6);
    const role = both ? `Bí thư Chi bộ, Trưởng ${h.full}` : `Bí thư Chi bộ ${h.full}`;
    const title = r.pick([
      `${P} ${p.name} – Bí thư chi bộ “nói dân hiểu, làm dân tin” ở ${h.full}`,
      `Bí thư Chi bộ ${p.name} và cách làm “việc gì cũng bàn với dân” ở ${h.full}`,
    ]);
    return {
      title,
      summary: `Là ${role}, ${p.pronoun} ${p.short} đổi mới sinh hoạt chi bộ, công khai mọi việc chung trước dân; ${hh}/${hh} hộ ở ${h.full} đồng thuận thực hiện các phong trào, chi bộ được xếp loại hoàn thành tốt nhiệm vụ.`,
      situation: `Khi ${p.pronoun} ${p.short} nhận nhiệm vụ, chi bộ sinh hoạt hình thức, nội bộ thiếu đoàn kết; ${h.full} có nhiều tiêu chí nông thôn mới chưa đạt, người dân ít tham gia họp.`,
      goals: `Nâng chất lượng sinh hoạt chi bộ; mọi chủ trương đều được bàn với dân; hoàn thành các tiêu chí khu dân cư kiểu mẫu; phát triển đảng viên mới.`,
      beneficiaries: `${hh} hộ dân và các đảng viên của Chi bộ ${h.full}.`,
      activities: `${P} ${p.short} chọn chuyên đề thiết thực cho từng kỳ sinh hoạt, giao việc cụ thể cho đảng viên và kiểm điểm ngay ở kỳ sau. Việc lớn của ${h.kind} đều được đưa ra họp dân, công khai thu chi trên bảng tin và nhóm Zalo. ${P} gương mẫu đóng góp trước, đến tận nhà những hộ còn băn khoăn để nghe và giải thích.`,
      leadBodies: `${P} ${p.name}; Chi bộ ${h.full}.`,
      partnerBodies: `Ban công tác Mặt trận và các chi hội đoàn thể ${h.full}; ${ctx.org.party}.`,
      nonState: `Nhân dân đóng góp ngày công, tiền của cho các công trình chung; ${p.pronoun} ${p.short} tự nguyện đóng góp phần lớn hơn mức bình quân.`,
      results: `${ctx.since}, ${h.full} hoàn thành các tiêu chí khu dân cư ${ctx.urban ? 'văn minh' : 'nông thôn mới kiểu mẫu'}; chi bộ kết nạp ${newMembers} đảng viên mới và được xếp loại hoàn thành tốt nhiệm vụ; không có đơn thư, khiếu kiện.`,
      sustainability: `Cách làm của ${p.pronoun} ${p.short} được Đảng ủy ${ctx.xa} tổng kết, phổ biến cho bí thư các chi bộ khác.`,
      holderName: p.name,
      holderRole: role,
      contact: p,
      indicators: [
        { kindCode: 'households', name: 'Số hộ đồng thuận tham gia', value: hh, unit: 'hộ' },
        { kindCode: 'people', name: 'Đảng viên mới được kết nạp', value: newMembers, unit: 'người' },
      ],
    };
  },
};
