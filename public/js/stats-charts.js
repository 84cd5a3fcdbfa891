// Enhancement only: each figure's chart is drawn from the numbers of the table beside it, which stays
// the text alternative (and all there is without JavaScript).
(function () {
  if (typeof window.Chart === 'undefined') return;
  var format = new Intl.NumberFormat('vi-VN');
  var boxes = document.querySelectorAll('.chart-box[data-chart-for]');
  for (var i = 0; i < boxes.length; i++) draw(boxes[i]);

  function draw(box) {
    var table = document.getElementById(box.getAttribute('data-chart-for'));
    if (!table) return;
    var labels = [];
    var values = [];
    var rows = table.querySelectorAll('tbody tr[data-key]');
    for (var r = 0; r < rows.length; r++) {
      var cell = rows[r].querySelector('td[data-value]');
      labels.push(rows[r].querySelector('th').textContent.trim());
      values.push(Number(cell.getAttribute('data-value')));
    }
    if (labels.length === 0) return;
    var kind = box.getAttribute('data-chart');
    var horizontal = kind === 'hbar';
    box.style.height = (horizontal ? Math.max(160, labels.length * 24 + 48) : 260) + 'px';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    var caption = table.querySelector('caption');
    canvas.setAttribute(
      'aria-label',
      'Biểu đồ: ' + (caption ? caption.textContent.trim() : '') + '. Số liệu ở bảng ngay dưới.',
    );
    box.appendChild(canvas);
    new window.Chart(canvas, {
      type: kind === 'line' ? 'line' : 'bar',
      data: {
        labels: labels,
        datasets: [{ label: 'Số mô hình', data: values, backgroundColor: '#9b1418', borderColor: '#9b1418' }],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return format.format(ctx.parsed[horizontal ? 'x' : 'y']) + ' mô hình';
              },
            },
          },
        },
        scales: {
          x: horizontal ? { beginAtZero: true, ticks: { precision: 0, callback: tick } } : {},
          y: horizontal
            ? { ticks: { autoSkip: false } }
            : { beginAtZero: true, ticks: { precision: 0, callback: tick } },
        },
      },
    });
  }
  function tick(value) {
    return format.format(value);
  }
})();
