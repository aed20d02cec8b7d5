// The event page's seats left, kept current as others register and cancel, and the door's print button; the pages work without them.
(function () {
  'use strict';
  // The door's list: a print button (shown only where a script can press it).
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  // ---- The door: find a person as one types, mark them arrived without reloading the list, take it back -----------
  var door = document.querySelector('[data-door]');
  if (door) {
    var fold = function (text) {
      // As the server's Slug.From: no accents, lower case, anything else a hyphen.
      return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae')
        .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    };
    var people = Array.prototype.slice.call(door.querySelectorAll('[data-door-person]'));
    var none = door.querySelector('[data-door-none]');
    var search = door.querySelector('[data-door-search]');
    search.addEventListener('input', function () {
      var wanted = fold(search.value);
      var shown = 0;
      people.forEach(function (person) {
        var match = wanted === '' || person.getAttribute('data-door-person').indexOf(wanted) !== -1;
        person.hidden = !match;
        if (match) shown++;
      });
      none.hidden = shown > 0;
    });
    var count = document.querySelector('[data-door-present]');
    var countLine = document.querySelector('[data-door-count]');
    // One person's card as it now stands, whoever recorded it (this page, or another volunteer's through the hub).
    var showPerson = function (person, present, at) {
      var form = person.querySelector('[data-door-form]');
      var button = form.querySelector('button');
      var name = person.querySelector('.door__name').textContent;
      person.classList.toggle('door__person--here', present);
      form.querySelector('input[name=present]').value = present ? 'false' : 'true';
      form.querySelector('[data-door-state]').textContent = present ? '\u2714 Arrivée à ' + at : '';
      button.className = 'button ' + (present ? 'button--secondary' : 'door__arrive');
      button.innerHTML = '';
      button.appendChild(document.createTextNode(present ? 'Annuler l\u2019arrivée' : 'Arrivée'));
      var hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = ' : ' + name;
      button.appendChild(hidden);
    };
    var showCount = function (present, total) {
      count.textContent = String(present);
      countLine.lastChild.textContent = (present > 1 ? ' arrivées' : ' arrivée') + ' sur ' + total + (total > 1 ? ' inscriptions' : ' inscription');
    };
    door.addEventListener('submit', function (event) {
      var form = event.target;
      if (!form.hasAttribute('data-door-form')) return;
      event.preventDefault();
      var button = form.querySelector('button');
      button.disabled = true;
      fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (answer) {
          showPerson(form.closest('[data-door-person]'), answer.present, answer.at);
          showCount(answer.count, answer.total);
          // Ready for the next person: the search is emptied and keeps the focus.
          if (answer.present && search.value) { search.value = ''; search.dispatchEvent(new Event('input')); search.focus(); }
        })
        .catch(function () { form.submit(); })
        .then(function () { button.disabled = false; });
    });
    // Several volunteers at one door: each page hears the others' arrivals (the count is the room's, not the phone's).
    if (window.signalR) {
      var doorEvent = parseInt(door.getAttribute('data-door-event'), 10);
      var shared = new signalR.HubConnectionBuilder().withUrl(door.getAttribute('data-door-hub')).withAutomaticReconnect().build();
      shared.on('arrivee', function (arrival) {
        var person = document.getElementById('inscription-' + arrival.registration);
        if (person) showPerson(person, arrival.present, arrival.at);
        showCount(arrival.count, arrival.total);
      });
      var join = function () { return shared.invoke('Accueillir', doorEvent); };
      shared.onreconnected(join);
      shared.start().then(join).then(function (joined) {
        if (joined) document.documentElement.setAttribute('data-door-shared', 'true');
      }).catch(function () { /* each page still counts its own arrivals */ });
    }
    document.documentElement.setAttribute('data-door-live', 'true');
  }

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
