/** The survey page: plain server-rendered HTML, readable on a phone, in the customer's language. */
const TEXTS = {
  en: { title: 'How did we do?', rating: 'Your rating', comment: 'Anything to add? (optional)', send: 'Send', thanks: 'Thank you for your feedback!', closed: 'This survey was already answered or has expired.', missing: 'Choose a rating from 1 to 5.', labels: ['Bad', 'Poor', 'OK', 'Good', 'Great'] },
  ko: { title: '상담은 어떠셨나요?', rating: '평점', comment: '추가로 남기실 말씀이 있나요? (선택)', send: '보내기', thanks: '소중한 의견 감사합니다!', closed: '이미 응답했거나 만료된 설문입니다.', missing: '1부터 5까지 평점을 선택해 주세요.', labels: ['나쁨', '미흡', '보통', '좋음', '매우 좋음'] },
  es: { title: '¿Qué tal lo hicimos?', rating: 'Tu valoración', comment: '¿Algo que añadir? (opcional)', send: 'Enviar', thanks: '¡Gracias por tu opinión!', closed: 'Esta encuesta ya fue respondida o ha caducado.', missing: 'Elige una valoración del 1 al 5.', labels: ['Mal', 'Regular', 'Bien', 'Muy bien', 'Excelente'] },
};
export type PageLanguage = keyof typeof TEXTS;

export function pageLanguage(language: string | null): PageLanguage {
  const base = (language ?? 'en').split('-')[0].toLowerCase();
  return base in TEXTS ? (base as PageLanguage) : 'en';
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A file of its own: the Content-Security-Policy allows no inline style. Its path is outside /survey/, where every path is a token. */
export const SURVEY_STYLESHEET = `body{font-family:system-ui,sans-serif;margin:0;padding:24px 16px;background:#f6f7f9;color:#1d2330}
main{max-width:28rem;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 16px}fieldset{border:0;padding:0;margin:0 0 16px}
.stars{display:flex;gap:8px}.stars label{flex:1;text-align:center;border:1px solid #c9ced6;border-radius:8px;padding:10px 0;cursor:pointer;font-size:1.2rem}
.stars input{position:absolute;opacity:0}.stars input:checked+span{font-weight:700}.stars label:has(input:checked){background:#1d4ed8;color:#fff;border-color:#1d4ed8}
.stars label:has(input:focus-visible){outline:3px solid #1d4ed8;outline-offset:2px}
.stars small{display:block;font-size:.7rem}textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:8px;border-radius:8px;border:1px solid #c9ced6}
button{margin-top:16px;width:100%;padding:12px;font:inherit;font-size:1.1rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff}
.error{color:#b91c1c}`;
export const SURVEY_STYLESHEET_PATH = '/survey-page.css';

function layout(lang: PageLanguage, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(TEXTS[lang].title)}</title><link rel="stylesheet" href="${SURVEY_STYLESHEET_PATH}"></head><body><main>${body}</main></body></html>`;
}

export function surveyForm(lang: PageLanguage, action: string, error?: string): string {
  const t = TEXTS[lang];
  const stars = [1, 2, 3, 4, 5]
    .map((n) => `<label><input type="radio" name="rating" value="${n}" required><span>${n}</span><small>${escape(t.labels[n - 1])}</small></label>`)
    .join('');
  return layout(lang, `<h1>${escape(t.title)}</h1>${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}"><fieldset><legend>${escape(t.rating)}</legend><div class="stars">${stars}</div></fieldset>
<label for="comment">${escape(t.comment)}</label><textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">${escape(t.send)}</button></form>`);
}

export function surveyMessage(lang: PageLanguage, which: 'thanks' | 'closed'): string {
  return layout(lang, `<h1>${escape(TEXTS[lang][which])}</h1>`);
}

export const missingRating = (lang: PageLanguage) => TEXTS[lang].missing;
