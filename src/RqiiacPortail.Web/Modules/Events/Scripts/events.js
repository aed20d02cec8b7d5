// The event page's seats left, kept current as others register and cancel, and the door's print button; the pages work without them.
(function () {
  'use strict';
  // The door's list: a print button (shown only where a script can press it).
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  var page = document.querySelector('[data-event]');
  if (!page || !window.signalR) return;
  var eventId = parseInt(page.getAttribute('data-event'), 10);
  var announcer = document.querySelector('[data-seats-announcer]');

  function label(left) {
    return left === 0 ? 'complet' : left === 1 ? '1 place restante' : left + ' places restantes';
  }

  function show(seats) {
    if (!seats) return;
    var total = document.querySelector('[data-seats-left]');
    if (total && total.textContent !== label(seats.left)) {
      total.textContent = label(seats.left);
      // Said once, politely: the count changing under a reader's eyes is news only when it reaches zero.
      if (announcer && seats.left === 0) announcer.textContent = 'L\u2019événement est maintenant complet : les inscriptions vont sur la liste d\u2019attente.';
    }
    Object.keys(seats.workshops || {}).forEach(function (id) {
      var cell = document.querySelector('[data-workshop-seats="' + id + '"]');
      if (cell) cell.textContent = label(seats.workshops[id]);
    });
  }

  var connection = new signalR.HubConnectionBuilder().withUrl(page.getAttribute('data-event-hub')).withAutomaticReconnect().build();
  connection.on('places', show);
  var watch = function () { return connection.invoke('Suivre', eventId).then(show); };
  connection.onreconnected(watch);
  connection.start().then(watch).then(function () {
    // Says the counts are live (what the end-to-end tests wait for).
    document.documentElement.setAttribute('data-event-live', 'true');
  }).catch(function () { /* the page keeps the counts it was served with */ });
})();
