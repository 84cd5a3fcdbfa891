/** Every scenario template, by field. */
import type { Scenario } from './ctx.js';
import { hienDatMoDuong, nguoiMoDuong, tietKiemThoatNgheo, toHopTac } from './kinh-te-a.js';
import { donDienDoiThua, kenhMuong, nongDanGioi, thapSangDuongQue } from './kinh-te-b.js';
import { hienDatNhaVanHoa, livestream, nganHangBo, ocop } from './kinh-te-c.js';
import { duongHoa, giaoVien, maiAm, nepSongVanMinh, noiChao, phanLoaiRac } from './van-hoa-a.js';
import { cauLacBoVanHoa, hocBoi, nguoiUyTinHuTuc, quyKhuyenHoc, yTeThonBan } from './van-hoa-b.js';
import { camera, congTruongAnToan, hoaGiai, lienGiaTuQuan, tauThuyen, tuQuanDuongBien } from './an-ninh-a.js';
import {
  congAnXa,
  danQuanGiupDan,
  nangBuocEmToiTruong,
  nguoiUyTinBienGioi,
  pcccLienGia,
  toTruongAnNinh,
} from './an-ninh-b.js';
import { giupNguoiSauCaiNghien, vanDongNhapNgu } from './an-ninh-c.js';
import { biThuChiBo, doiThoai, motCongMuoi, motCua, ngayCungDan, zalo } from './xay-dung-dang-a.js';
import { biThuChiDoan, truongBanMatTran } from './xay-dung-dang-c.js';
import {
  canBoDiaChinh,
  chiHoiTruongPhuNu,
  giaiPhongMatBang,
  giamSatCongDong,
  phatTrienDangVien,
} from './xay-dung-dang-b.js';

export const SCENARIOS: Scenario[] = [
  hienDatMoDuong,
  nguoiMoDuong,
  toHopTac,
  tietKiemThoatNgheo,
  donDienDoiThua,
  nongDanGioi,
  kenhMuong,
  thapSangDuongQue,
  nganHangBo,
  ocop,
  livestream,
  hienDatNhaVanHoa,
  noiChao,
  phanLoaiRac,
  duongHoa,
  maiAm,
  nepSongVanMinh,
  giaoVien,
  nguoiUyTinHuTuc,
  hocBoi,
  cauLacBoVanHoa,
  quyKhuyenHoc,
  yTeThonBan,
  tuQuanDuongBien,
  camera,
  lienGiaTuQuan,
  hoaGiai,
  tauThuyen,
  congTruongAnToan,
  congAnXa,
  nangBuocEmToiTruong,
  danQuanGiupDan,
  toTruongAnNinh,
  pcccLienGia,
  nguoiUyTinBienGioi,
  vanDongNhapNgu,
  giupNguoiSauCaiNghien,
  motCongMuoi,
  zalo,
  ngayCungDan,
  motCua,
  doiThoai,
  biThuChiBo,
  phatTrienDangVien,
  giamSatCongDong,
  chiHoiTruongPhuNu,
  giaiPhongMatBang,
  canBoDiaChinh,
  biThuChiDoan,
  truongBanMatTran,
];

export { hienDatMoDuong };
