/*
 * AleffAI web chat widget (docs/widget.md). No dependencies, one global: AleffChat.
 * <script src="https://<ingress>/widget/v1/widget.js" data-tenant="<tenant id>" async></script>
 * Text from the model or the visitor is only ever put in the page with textContent: never as HTML.
 */
(function () {
  'use strict';
  if (window.AleffChat) { return; }
  var script = document.currentScript || document.querySelector('script[data-tenant][src*="/widget/v1/widget.js"]');
  if (!script || !script.getAttribute('data-tenant')) { return; }
  var tenant = script.getAttribute('data-tenant');
  var api = (script.getAttribute('data-api') || new URL(script.src, location.href).origin) + '/widget/v1/' + encodeURIComponent(tenant);
  var STRINGS = {
    en: { title: 'Chat with us', open: 'Open chat', close: 'Close chat', input: 'Type your message', send: 'Send',
      typing: 'The assistant is typing', unread: 'unread messages', offline: 'The assistant is offline. We will retry.',
      limited: 'You are sending too fast. Please wait a moment.', failed: 'The message could not be sent.',
      welcome: 'Hi! How can we help?', log: 'Conversation', you: 'You', bot: 'Assistant' },
    pt: { title: 'Fale conosco', open: 'Abrir chat', close: 'Fechar chat', input: 'Digite sua mensagem', send: 'Enviar',
      typing: 'O assistente está digitando', unread: 'mensagens não lidas', offline: 'O assistente está offline. Tentaremos de novo.',
      limited: 'Você está enviando rápido demais. Aguarde um momento.', failed: 'Não foi possível enviar a mensagem.',
      welcome: 'Olá! Como podemos ajudar?', log: 'Conversa', you: 'Você', bot: 'Assistente' }
  };
  function pick(lang) { return /^pt/i.test(lang || '') ? 'pt' : 'en'; }
  // The page's data-locale, else the tenant's language (session answer), else the browser's; setLocale wins over all.
  var fixedLocale = script.getAttribute('data-locale');
  var locale = pick(fixedLocale || navigator.language);
  var keyPrefix = 'aleff-chat:' + tenant + ':';
  function load(k) { try { return localStorage.getItem(keyPrefix + k); } catch (e) { return null; } }
  function save(k, v) { try { if (v == null) { localStorage.removeItem(keyPrefix + k); } else { localStorage.setItem(keyPrefix + k, v); } } catch (e) { /* private mode */ } }

  var host = document.createElement('div');
  host.setAttribute('data-aleff-chat', '');
  var root = host.attachShadow({ mode: 'open' });
  var css = ':host{all:initial}*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
    '.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:var(--aleff-primary);color:#fff;display:flex;align-items:center;justify-content:center;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483646}' +
    '.launcher:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}' +
    '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b91c1c;color:#fff;font-size:12px;line-height:22px;text-align:center}' +
    '.panel{position:fixed;right:20px;bottom:88px;width:370px;height:560px;max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;color:#111827;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden;z-index:2147483647}' +
    '.panel[hidden]{display:none}header{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;background:var(--aleff-primary);color:#fff}' +
    'header h2{margin:0;font-size:16px;flex:1}.avatar{width:32px;height:32px;border-radius:50%;margin-right:10px;object-fit:cover}.avatar[hidden]{display:none}header button{background:none;border:0;color:#fff;font-size:22px;cursor:pointer}' +
    '.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f9fafb}' +
    '.msg{max-width:85%;padding:8px 12px;border-radius:12px;font-size:14px;line-height:1.45;overflow-wrap:anywhere}' +
    '.msg p{margin:0 0 6px}.msg p:last-child{margin:0}.msg ul,.msg ol{margin:4px 0;padding-left:20px}.msg pre{background:#111827;color:#f9fafb;padding:8px;border-radius:6px;overflow-x:auto}.msg code{font-family:ui-monospace,monospace;font-size:13px}' +
    '.msg a{color:inherit;text-decoration:underline}.visitor{align-self:flex-end;background:var(--aleff-primary);color:#fff}.assistant{align-self:flex-start;background:#e5e7eb;color:#111827}' +
    '.notice{align-self:center;font-size:12px;color:#374151;text-align:center}.typing{align-self:flex-start;color:#374151;font-size:13px}' +
    'form{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb}textarea{flex:1;resize:none;border:1px solid #9ca3af;border-radius:8px;padding:8px;font-size:14px;height:40px}' +
    'form button{border:0;border-radius:8px;background:var(--aleff-primary);color:#fff;padding:0 14px;font-size:14px;cursor:pointer}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}' +
    ':host([data-position=left]) .launcher,:host([data-position=left]) .panel{right:auto;left:20px}' +
    '@media (max-width:480px){.panel,:host([data-position=left]) .panel{left:0;right:0;bottom:0;width:100vw;height:100vh;max-height:100vh;border-radius:0}}';
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) { for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { n.setAttribute(k, attrs[k]); } } }
    if (text != null) { n.textContent = text; }
    return n;
  }
  var style = el('style'); style.textContent = css;
  var launcher = el('button', { 'class': 'launcher', type: 'button', 'aria-expanded': 'false' });
  var SVG = 'http://www.w3.org/2000/svg';
  var icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24'); icon.setAttribute('width', '28'); icon.setAttribute('height', '28');
  icon.setAttribute('aria-hidden', 'true');
  var bubble = document.createElementNS(SVG, 'path');
  bubble.setAttribute('fill', 'currentColor');
  bubble.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  icon.appendChild(bubble); launcher.appendChild(icon);
  var badge = el('span', { 'class': 'badge', hidden: '' });
  launcher.appendChild(badge);
  var panel = el('div', { 'class': 'panel', role: 'dialog', hidden: '' });
  var header = el('header');
  var title = el('h2', { id: 'aleff-title' });
  var avatar = el('img', { 'class': 'avatar', alt: '', hidden: '' });
  var closeBtn = el('button', { type: 'button' }, '\u00D7');
  header.appendChild(avatar); header.appendChild(title); header.appendChild(closeBtn);
  var log = el('div', { 'class': 'log', role: 'log', 'aria-live': 'polite' });
  // Inside the log (aria-live polite): shown, its text is announced once; hidden, it is silent.
  var typing = el('div', { 'class': 'typing', role: 'status', hidden: '' });
  var form = el('form');
  var input = el('textarea', { rows: '1' });
  var sendBtn = el('button', { type: 'submit' });
  form.appendChild(input); form.appendChild(sendBtn);
  panel.setAttribute('aria-labelledby', 'aleff-title');
  panel.appendChild(header); panel.appendChild(log); panel.appendChild(form);
  root.appendChild(style); root.appendChild(launcher); root.appendChild(panel);

  // The tenant's appearance (session answer): colour as a custom property of the host, text through textContent only.
  var appearance = {};
  function applyAppearance(a) {
    appearance = a || {};
    if (!fixedLocale && typeof appearance.locale === 'string') { locale = pick(appearance.locale); }
    var colour = /^#[0-9A-Fa-f]{6}$/.test(appearance.primaryColor || '') ? appearance.primaryColor : '#1d4ed8';
    host.style.setProperty('--aleff-primary', colour);
    host.setAttribute('data-position', appearance.launcherPosition === 'left' ? 'left' : 'right');
    // The avatar: an https URL only (the server checks it too), set as an attribute, never markup.
    if (/^https:\/\/[^\s]+$/.test(appearance.avatarUrl || '')) { avatar.setAttribute('src', appearance.avatarUrl); avatar.removeAttribute('hidden'); }
    else { avatar.removeAttribute('src'); avatar.setAttribute('hidden', ''); }
    texts();
  }
  function texts() {
    var t = STRINGS[locale];
    title.textContent = typeof appearance.title === 'string' ? appearance.title : t.title; closeBtn.setAttribute('aria-label', t.close); input.setAttribute('aria-label', t.input);
    input.setAttribute('placeholder', t.input); sendBtn.textContent = t.send; log.setAttribute('aria-label', t.log);
    typing.textContent = t.typing + '\u2026';
    launcher.setAttribute('aria-label', isOpen ? t.close : t.open);
    badge.setAttribute('aria-label', unread + ' ' + t.unread);
  }

  // --- safe Markdown: a small subset, built as DOM nodes, text only through textContent ---
  function safeHref(url) {
    try { var u = new URL(url, location.href); return /^(https?|mailto):$/.test(u.protocol) ? u.href : null; } catch (e) { return null; }
  }
  function inline(parent, text) {
    var re = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)\s]+\))|(https?:\/\/[^\s<>()]+)/g;
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      var s = m[0];
      if (m[1]) { parent.appendChild(el('code', null, s.slice(1, -1))); }
      else if (m[2]) { var b = el('strong'); inline(b, s.slice(2, -2)); parent.appendChild(b); }
      else if (m[3]) { var i = el('em'); inline(i, s.slice(1, -1)); parent.appendChild(i); }
      else if (m[4]) {
        var close = s.indexOf('](');
        var label = s.slice(1, close), href = safeHref(s.slice(close + 2, -1));
        if (href) { var a = el('a', { href: href, target: '_blank', rel: 'noopener noreferrer nofollow' }, label); parent.appendChild(a); }
        else { parent.appendChild(document.createTextNode(s)); }
      } else {
        var h = safeHref(s);
        if (h) { parent.appendChild(el('a', { href: h, target: '_blank', rel: 'noopener noreferrer nofollow' }, s)); }
        else { parent.appendChild(document.createTextNode(s)); }
      }
      last = re.lastIndex;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }
  function markdown(text) {
    var out = document.createDocumentFragment();
    var lines = String(text).split('\n');
    var list = null, para = null;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (/^```/.test(line)) {
        var code = [];
        for (i++; i < lines.length && !/^```/.test(lines[i]); i++) { code.push(lines[i]); }
        var pre = el('pre'); pre.appendChild(el('code', null, code.join('\n'))); out.appendChild(pre);
        list = null; para = null; continue;
      }
      var item = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
      if (item) {
        var tag = item[1] ? 'ol' : 'ul';
        if (!list || list.tagName.toLowerCase() !== tag) { list = el(tag); out.appendChild(list); }
        var li = el('li'); inline(li, item[2]); list.appendChild(li); para = null; continue;
      }
      list = null;
      if (!line.trim()) { para = null; continue; }
      if (!para) { para = el('p'); out.appendChild(para); } else { para.appendChild(el('br')); }
      inline(para, line);
    }
    return out;
  }

  // --- state ---
  var isOpen = false, unread = 0, token = load('token'), lastEventId = load('lastEventId') || '0';
  var shown = {}, identity = null, streamAbort = null, retryDelay = 1000, pending = 0, typingTimer = null;

  function add(kind, text, eventId) {
    if (eventId && shown[eventId]) { return; }
    if (eventId) { shown[eventId] = true; }
    var t = STRINGS[locale];
    var n = el('div', { 'class': 'msg ' + kind });
    n.appendChild(el('span', { 'class': 'sr' }, (kind === 'visitor' ? t.you : t.bot) + ': '));
    if (kind === 'assistant') { n.appendChild(markdown(text)); } else { n.appendChild(document.createTextNode(text)); }
    log.insertBefore(n, typing.parentNode === log ? typing : null);
    log.scrollTop = log.scrollHeight;
    if (kind === 'assistant' && !isOpen) { unread++; showBadge(); }
  }
  function notice(text) {
    var n = el('div', { 'class': 'notice', role: 'status' }, text);
    log.insertBefore(n, typing.parentNode === log ? typing : null);
    log.scrollTop = log.scrollHeight;
  }
  function showBadge() {
    badge.textContent = unread > 9 ? '9+' : String(unread);
    if (unread > 0) { badge.removeAttribute('hidden'); } else { badge.setAttribute('hidden', ''); }
    texts();
  }
  function setTyping(on) {
    clearTimeout(typingTimer);
    if (on) { typing.removeAttribute('hidden'); log.appendChild(typing); typingTimer = setTimeout(function () { setTyping(false); }, 60000); }
    else { typing.setAttribute('hidden', ''); }
  }

  function request(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(api + path, { method: method, headers: headers, body: body == null ? undefined : JSON.stringify(body), mode: 'cors', credentials: 'omit' });
  }
  function session() {
    return request('POST', '/session', identity || {}).then(function (r) {
      if (!r.ok) { var e = new Error('session ' + r.status); e.status = r.status; throw e; }
      return r.json();
    }).then(function (s) {
      if (load('conversation') !== s.conversationId) { lastEventId = '0'; save('lastEventId', null); }
      token = s.token; save('token', token); save('conversation', s.conversationId);
      applyAppearance(s.appearance);
    });
  }
  function history() {
    return request('GET', '/history').then(function (r) {
      if (!r.ok) { throw new Error('history ' + r.status); }
      return r.json();
    }).then(function (h) {
      while (log.firstChild) { log.removeChild(log.firstChild); }
      shown = {};
      notice(typeof appearance.welcomeMessage === 'string' ? appearance.welcomeMessage : STRINGS[locale].welcome);
      var wasOpen = isOpen; isOpen = true;
      h.messages.forEach(function (m) { add(m.author === 'ASSISTANT' ? 'assistant' : 'visitor', m.text, m.eventId); });
      isOpen = wasOpen;
      lastEventId = h.lastEventId; save('lastEventId', lastEventId);
    });
  }

  // --- stream: fetch with Last-Event-ID, parsed as server-sent events, reconnected after any failure ---
  function stream() {
    if (streamAbort) { streamAbort.abort(); }
    var ctrl = new AbortController(); streamAbort = ctrl;
    var headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + token, 'Last-Event-ID': lastEventId };
    fetch(api + '/stream', { headers: headers, signal: ctrl.signal, mode: 'cors', credentials: 'omit' }).then(function (r) {
      if (r.status === 401) { token = null; save('token', null); throw new Error('401'); }
      if (!r.ok || !r.body) { throw new Error('stream ' + r.status); }
      retryDelay = 1000;
      var reader = r.body.getReader(), decoder = new TextDecoder(), buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { throw new Error('ended'); }
          buffer += decoder.decode(chunk.value, { stream: true });
          var blocks = buffer.split(/\r?\n\r?\n/);
          buffer = blocks.pop();
          blocks.forEach(onEvent);
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      if (ctrl.signal.aborted) { return; }
      setTimeout(function () { (token ? Promise.resolve() : session()).then(stream, stream); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }
  function onEvent(block) {
    var id = null, name = 'message', data = '';
    block.split(/\r?\n/).forEach(function (line) {
      var c = line.indexOf(':');
      if (c <= 0) { return; }
      var f = line.slice(0, c), v = line.slice(c + 1).replace(/^ /, '');
      if (f === 'id') { id = v; } else if (f === 'event') { name = v; } else if (f === 'data') { data += v; }
    });
    // The server ended the stream (the token expired): the stream's end makes a new session, then a new stream.
    if (name === 'closed') { token = null; save('token', null); return; }
    if (name !== 'reply' || !id || !data) { return; }
    var m; try { m = JSON.parse(data); } catch (e) { return; }
    add('assistant', m.text, id);
    if (Number(id) > Number(lastEventId)) { lastEventId = id; save('lastEventId', id); }
    pending = Math.max(0, pending - 1);
    setTyping(pending > 0);
  }

  // --- sending: one clientMessageId per message, the same on every retry ---
  function newId() { return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2); }
  function send(text, id, attempt) {
    request('POST', '/messages', { clientMessageId: id, text: text }).then(function (r) {
      if (r.status === 202) { return; }
      if (r.status === 429) { notice(STRINGS[locale].limited); pending--; setTyping(pending > 0); return; }
      if (r.status === 401) { token = null; return session().then(function () { send(text, id, attempt + 1); }); }
      if (r.status >= 500) { throw new Error('server ' + r.status); }
      notice(STRINGS[locale].failed); pending--; setTyping(pending > 0);
    }).catch(function () {
      if (attempt === 0) { notice(STRINGS[locale].offline); }
      setTimeout(function () { send(text, id, attempt + 1); }, Math.min(1000 * Math.pow(2, attempt), 30000));
    });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    add('visitor', text);
    pending++; setTyping(true);
    send(text, newId(), 0);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit')); }
  });
  root.addEventListener('keydown', function (e) { if (e.key === 'Escape' && isOpen) { close(); launcher.focus(); } });
  launcher.addEventListener('click', function () { if (isOpen) { close(); } else { open(); } });
  closeBtn.addEventListener('click', function () { close(); launcher.focus(); });

  function open() {
    isOpen = true; panel.removeAttribute('hidden'); launcher.setAttribute('aria-expanded', 'true');
    unread = 0; showBadge(); input.focus(); log.scrollTop = log.scrollHeight;
  }
  function close() { isOpen = false; panel.setAttribute('hidden', ''); launcher.setAttribute('aria-expanded', 'false'); texts(); }
  function start() {
    return session().then(history).then(stream).catch(function (e) {
      if (e && e.status === 403) { return; } // not for anonymous visitors (wait for identify) or not this origin
      notice(STRINGS[locale].offline);
      setTimeout(start, retryDelay); retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  window.AleffChat = Object.freeze({
    open: open,
    close: close,
    /** Switches to a verified user of the site: userHash is computed by the site's server (docs/widget.md). */
    identify: function (userId, userHash) { identity = { userId: String(userId), userHash: String(userHash) }; return start(); },
    setLocale: function (lang) { fixedLocale = lang; locale = pick(lang); texts(); }
  });
  texts();
  (document.body || document.documentElement).appendChild(host);
  start();
})();
