import en from './strings/en.json';
import fr from './strings/fr.json';

// Every interface string lives in one resource file per language (strings/en.json, strings/fr.json).
export const languages = { en, fr };
let current = 'en';

export function setLanguage(lang) {
  current = languages[lang] ? lang : 'en';
  document.documentElement.lang = current;
  try { localStorage.setItem('mosaic.lang', current); } catch { /* private mode: the choice lasts the page */ }
}

export function initialLanguage() {
  let saved = null;
  try { saved = localStorage.getItem('mosaic.lang'); } catch { /* ignore */ }
  const browser = (navigator.language || 'en').slice(0, 2);
  return saved || (languages[browser] ? browser : 'en');
}

export function language() { return current; }

export function t(key, vars = {}) {
  const text = languages[current][key] ?? languages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? `{${k}}`));
}

export function number(value, digits = 0) {
  return new Intl.NumberFormat(current, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}
