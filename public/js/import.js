// Progress of an import: the upload through XMLHttpRequest, then the job's status polled from its
// JSON endpoint. Without this script the form posts normally and the job page reloads itself.
(function () {
  'use strict';
  var form = document.querySelector('form[data-import-upload]');
  if (form && window.FormData && window.XMLHttpRequest) {
    var box = form.querySelector('.upload-progress');
    var bar = form.querySelector('progress');
    var text = form.querySelector('[data-progress-text]');
    var button = form.querySelector('button[type="submit"]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      box.hidden = false;
      button.disabled = true;
      text.textContent = 'Đang tải lên…';
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.floor((e.loaded / e.total) * 100);
        bar.value = percent;
        text.textContent = 'Đã tải lên ' + percent + '%';
      });
      xhr.upload.addEventListener('load', function () {
        bar.value = 100;
        text.textContent = 'Đang kiểm tra tệp…';
      });
      xhr.addEventListener('load', function () {
        if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
          window.location.assign(xhr.responseURL);
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener('error', function () {
        button.disabled = false;
        text.textContent = 'Mất kết nối khi tải lên. Hãy kiểm tra mạng rồi thử lại.';
      });
      xhr.send(new FormData(form));
    });
  }
  var status = document.querySelector('[data-import-status]');
  if (status && window.fetch) {
    var progress = status.querySelector('progress');
    var processed = status.querySelector('[data-processed]');
    var poll = function () {
      fetch(status.getAttribute('data-import-status'), { credentials: 'same-origin' })
        .then(function (r) {
          return r.json();
        })
        .then(function (s) {
          if (s.done) return window.location.reload();
          processed.textContent = Number(s.processedRows).toLocaleString('vi-VN');
          if (s.totalRows) {
            progress.max = s.totalRows;
            progress.value = s.processedRows;
          }
          setTimeout(poll, 1000);
        })
        .catch(function () {
          setTimeout(poll, 3000);
        });
    };
    setTimeout(poll, 1000);
  }
})();
