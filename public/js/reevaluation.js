// Enhancement only: a "chọn tất cả" box above the re-evaluation list ticks every model of the page.
(function () {
  var table = document.getElementById('reevaluation-list');
  if (!table) return;
  var boxes = table.querySelectorAll('input[name="chon"]');
  if (!boxes.length) return;
  var label = document.createElement('label');
  label.className = 'choice';
  var all = document.createElement('input');
  all.type = 'checkbox';
  label.appendChild(all);
  label.appendChild(document.createTextNode(' Chọn tất cả mô hình chưa đánh giá trên trang này'));
  table.parentNode.parentNode.insertBefore(label, table.parentNode);
  all.addEventListener('change', function () {
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = all.checked;
  });
})();
