// Live notifications: keeps the bell's unread count and, on /notifications, the list up to date.
// Without script (or if the connection fails) the page still works: the count is right at each load.
(function () {
  'use strict';
  var bell = document.querySelector('[data-notifications-hub]');
  if (!bell || !window.signalR) return;

  var count = bell.querySelector('[data-unread-count]');
  var label = bell.querySelector('[data-unread-label]');
  var announcer = document.querySelector('[data-notifications-announcer]');
  var list = document.querySelector('[data-notification-list]');

  function setCount(n) {
    if (count) count.textContent = String(n);
    bell.classList.toggle('bell--unread', n > 0);
    if (label) label.textContent = n === 0 ? 'aucune non lue' : n === 1 ? '1 non lue' : n + ' non lues';
  }

  function prepend(n) {
    var empty = document.querySelector('[data-notification-empty]');
    if (empty) empty.remove();
    var item = document.createElement('li');
    item.className = 'notification notification--unread';
    item.setAttribute('data-notification-id', String(n.id));
    var link = document.createElement('a');
    link.href = list.getAttribute('data-open-base') + n.id;
    link.textContent = n.title;
    var when = document.createElement('span');
    when.className = 'notification__when';
    when.textContent = 'à l\u2019instant';
    item.appendChild(link);
    item.appendChild(document.createTextNode(' '));
    item.appendChild(when);
    list.insertBefore(item, list.firstChild);
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl(bell.getAttribute('data-notifications-hub'))
    .withAutomaticReconnect()
    .build();
  connection.on('unread', setCount);
  connection.on('notification', function (n) {
    if (announcer) announcer.textContent = 'Nouvelle notification : ' + n.title;
    if (list) prepend(n);
  });
  connection.start().then(function () {
    document.documentElement.setAttribute('data-notifications-live', 'true');
  }).catch(function () { /* the page keeps working without live updates */ });
})();
