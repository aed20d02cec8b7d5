// The forum's small enhancements; every page works without them.
// - an open thread receives new replies, edits and hidden posts live, appended below what the reader is reading;
// - the moderation queue refreshes itself when something arrives or is handled elsewhere;
// - a message being written is kept in the browser until it is sent (a reload or a lost connection loses nothing);
// - typing @ and a few letters offers members to mention.
(function () {
  'use strict';

  function connect(url) {
    return new signalR.HubConnectionBuilder().withUrl(url).withAutomaticReconnect().build();
  }

  // ---- A live thread -------------------------------------------------------------------------------------------
  var thread = document.querySelector('[data-forum-thread]');
  if (thread && window.signalR) {
    var threadId = parseInt(thread.getAttribute('data-forum-thread'), 10);
    var lastPage = thread.getAttribute('data-last-page') === 'true';
    var announcer = document.querySelector('[data-forum-announcer]');
    var banner = document.querySelector('[data-new-replies]');
    var count = document.querySelector('[data-reply-count]');
    var base = thread.getAttribute('data-forum-hub').replace(/\/hubs\/forum$/, '');

    var fillBody = function (body, p) {
      if (p.state === 'publie') { body.innerHTML = p.html; return; }
      body.textContent = '';
      var notice = document.createElement('p');
      notice.className = 'post__notice';
      notice.textContent = p.state === 'supprime' ? 'Message supprimé par son auteur.' : 'Message masqué par la modération.';
      body.appendChild(notice);
    };

    var build = function (p) {
      var item = document.createElement('li');
      var article = document.createElement('article');
      article.className = 'post post--new';
      article.id = 'message-' + p.id;
      article.setAttribute('data-post-id', String(p.id));
      article.setAttribute('aria-labelledby', 'message-' + p.id + '-auteur');
      var header = document.createElement('header');
      header.className = 'post__header';
      var author = document.createElement('span');
      author.className = 'post__author';
      author.id = 'message-' + p.id + '-auteur';
      author.textContent = p.author;
      header.appendChild(author);
      if (p.pseudonymous) {
        var badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = 'pseudonyme';
        header.appendChild(document.createTextNode(' '));
        header.appendChild(badge);
      }
      var when = document.createElement('a');
      when.className = 'post__when';
      when.href = base + '/forum/messages/' + p.id;
      when.textContent = p.when;
      header.appendChild(document.createTextNode(' '));
      header.appendChild(when);
      var body = document.createElement('div');
      body.className = 'post__body';
      body.setAttribute('data-post-body', '');
      fillBody(body, p);
      article.appendChild(header);
      article.appendChild(body);
      item.appendChild(article);
      return item;
    };

    var received = function (p, isNew) {
      if (p.threadId !== threadId) return;
      if (count) count.textContent = p.replyCount + (p.replyCount < 2 ? ' réponse' : ' réponses');
      var existing = document.getElementById('message-' + p.id);
      if (existing) {
        var body = existing.querySelector('[data-post-body]');
        if (body) fillBody(body, p);
        var thanks = existing.querySelector('[data-thanks]');
        if (thanks) thanks.textContent = String(p.thanks);
        return;
      }
      if (!isNew || p.state !== 'publie') return;
      // Only the last page grows; elsewhere a notice offers to go there, and nothing moves under the reader.
      if (lastPage) {
        // The server renders the post as this reader sees it, with its « Merci », « Citer » and « Signaler »; the
        // post built here from what the push carried stands in if that answer does not come.
        var placeholder = build(p);
        thread.appendChild(placeholder);
        var url = new URL(thread.getAttribute('data-thread-url'), window.location.href);
        url.searchParams.set('handler', 'Message');
        url.searchParams.set('message', String(p.id));
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (html === null || !placeholder.parentNode) return;
            var holder = document.createElement('ol');
            holder.innerHTML = html;
            var rendered = holder.querySelector('li');
            if (!rendered) return;
            rendered.querySelector('article').classList.add('post--new');
            placeholder.parentNode.replaceChild(rendered, placeholder);
            document.documentElement.setAttribute('data-forum-rendered', String(p.id));
          })
          .catch(function () { /* the post built from the push stays */ });
        if (announcer) announcer.textContent = 'Nouvelle réponse de ' + p.author + '.';
      } else if (banner) {
        banner.hidden = false;
      }
    };

    var live = connect(thread.getAttribute('data-forum-hub'));
    live.on('message', function (p) { received(p, true); });
    live.on('modifie', function (p) { received(p, false); });
    // Joined again after a reconnection, and when the server says what may be read changed (the thread moved, its
    // category's access changed): refused, the page stops following and keeps what it shows.
    var join = function () {
      return live.invoke('Lire', threadId).then(function (ok) {
        document.documentElement.setAttribute('data-forum-live', ok ? 'true' : 'false');
        if (!ok) live.stop();
      });
    };
    live.on('relire', join);
    live.onreconnected(join);
    live.start().then(join).catch(function () { /* the page keeps working without live replies */ });
  }

  // ---- The live moderation queue -------------------------------------------------------------------------------
  var queue = document.querySelector('[data-moderation-queue]');
  if (queue && window.signalR) {
    var queueAnnouncer = document.querySelector('[data-queue-announcer]');
    var pending = null;
    var refresh = function () {
      if (pending) return;
      pending = setTimeout(function () {
        pending = null;
        fetch(queue.getAttribute('data-moderation-queue'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (html === null) return;
            queue.innerHTML = html;
            var heading = queue.querySelector('[data-queue-count]');
            if (queueAnnouncer && heading) queueAnnouncer.textContent = 'File de modération mise à jour : ' + heading.textContent;
            document.documentElement.setAttribute('data-queue-refreshed', String(Date.now()));
          })
          .catch(function () { /* the next change, or a reload, brings it */ });
      }, 250);
    };
    var moderation = connect(queue.getAttribute('data-forum-hub'));
    moderation.on('file', refresh);
    var watch = function () {
      return moderation.invoke('Moderer').then(function (ok) {
        if (ok) document.documentElement.setAttribute('data-queue-live', 'true');
      });
    };
    moderation.onreconnected(function () { watch().then(refresh); });
    moderation.start().then(watch).catch(function () { /* reload to see what arrived */ });
  }

  // ---- Drafts kept in the browser ------------------------------------------------------------------------------
  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }
  if (storage) {
    document.querySelectorAll('form[data-draft]').forEach(function (form) {
      var key = 'rqiiac:brouillon:' + location.pathname.replace(/\/forum\/.*$/, '') + ':' + form.getAttribute('data-draft');
      var fields = form.querySelectorAll('textarea, input[name="Input.Title"], input[name="Input.Pseudonym"]');
      var saved = null;
      try { saved = JSON.parse(storage.getItem(key) || 'null'); } catch (e) { saved = null; }
      fields.forEach(function (field) {
        // What the server sent back (a refused form, a quote) wins over an older draft.
        if (saved && saved[field.name] && !field.value) field.value = saved[field.name];
        field.addEventListener('input', function () {
          var values = {};
          fields.forEach(function (f) { if (f.value) values[f.name] = f.value; });
          storage.setItem(key, JSON.stringify(values));
        });
      });
      form.addEventListener('submit', function () { storage.removeItem(key); });
    });
  }

  // ---- @mention suggestions ------------------------------------------------------------------------------------
  document.querySelectorAll('textarea[data-mentions]').forEach(function (area) {
    var url = area.getAttribute('data-mentions');
    var list = document.createElement('ul');
    list.className = 'mentions';
    list.id = area.id + '-mentions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Membres à mentionner');
    list.hidden = true;
    area.parentNode.insertBefore(list, area.nextSibling);
    area.setAttribute('aria-controls', list.id);
    var status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    area.parentNode.insertBefore(status, list.nextSibling);
    var active = -1;
    var timer = null;
    // Each fetch is numbered: an answer to an earlier word that arrives after a later one's is dropped, so the
    // list always shows the suggestions for what is typed now.
    var asked = 0;

    var word = function () {
      var before = area.value.slice(0, area.selectionStart);
      var m = /(^|[\s(])@([\p{L}\p{N}._-]{1,64})$/u.exec(before);
      return m ? { text: m[2], start: before.length - m[2].length - 1 } : null;
    };
    var close = function () { list.hidden = true; list.textContent = ''; active = -1; area.removeAttribute('aria-activedescendant'); };
    var choose = function (userName) {
      var w = word();
      if (!w) return close();
      var end = area.selectionStart;
      area.value = area.value.slice(0, w.start) + '@' + userName + ' ' + area.value.slice(end);
      var caret = w.start + userName.length + 2;
      area.setSelectionRange(caret, caret);
      area.dispatchEvent(new Event('input'));
      close();
      area.focus();
    };
    var highlight = function (i) {
      var items = list.querySelectorAll('[role="option"]');
      if (items.length === 0) return;
      active = (i + items.length) % items.length;
      items.forEach(function (item, n) { item.setAttribute('aria-selected', n === active ? 'true' : 'false'); });
      area.setAttribute('aria-activedescendant', items[active].id);
    };
    area.addEventListener('input', function () {
      var w = word();
      clearTimeout(timer);
      if (!w) return close();
      var ask = ++asked;
      timer = setTimeout(function () {
        fetch(url + '?q=' + encodeURIComponent(w.text), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (members) {
            if (ask !== asked) return;
            list.textContent = '';
            active = -1;
            area.removeAttribute('aria-activedescendant');
            members.forEach(function (m, i) {
              var item = document.createElement('li');
              item.id = list.id + '-' + i;
              item.setAttribute('role', 'option');
              item.setAttribute('aria-selected', 'false');
              item.textContent = m.nom + ' (@' + m.utilisateur + ')';
              item.addEventListener('mousedown', function (e) { e.preventDefault(); choose(m.utilisateur); });
              item.setAttribute('data-user', m.utilisateur);
              list.appendChild(item);
            });
            list.hidden = members.length === 0;
            status.textContent = members.length === 0 ? '' : members.length + ' suggestion' + (members.length > 1 ? 's' : '') + ' : flèches pour choisir, Entrée pour mentionner.';
          })
          .catch(close);
      }, 150);
    });
    area.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
      else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(list.querySelectorAll('[role="option"]')[active].getAttribute('data-user'));
      } else if (e.key === 'Escape') { close(); }
    });
    area.addEventListener('blur', function () { setTimeout(close, 150); });
  });
})();
