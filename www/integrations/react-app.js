// A React form whose inputs are controlled by state (React 18, from npm): a value set on
// the DOM without the input event React listens for is overwritten on the next render.
// The echo shows what React's state holds (its length and first letter, never the token).
const { createElement: h, useState, useEffect } = React;

function App() {
  const [subdomain, setSubdomain] = useState('');
  const [key, setKey] = useState('');
  const [tick, setTick] = useState(0);
  // Re-render now and then, as a live app does: a controlled input shows its state.
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 150);
    return () => clearInterval(t);
  }, []);
  return h('section', { className: 'card' },
    h('h1', null, 'Connect Syncro'),
    h('div', { className: 'field' }, h('label', { htmlFor: 'sub' }, 'Subdomain'),
      h('input', { id: 'sub', name: 'subdomain', value: subdomain, onChange: (e) => setSubdomain(e.target.value) })),
    h('div', { className: 'field' }, h('label', { htmlFor: 'key' }, 'Syncro API key'),
      h('input', { id: 'key', name: 'apiKey', type: 'password', value: key, onChange: (e) => setKey(e.target.value) })),
    h('output', { id: 'echo', 'data-renders': tick }, key ? `React state: API key of ${key.length} characters, starting ${key[0]}` : 'React state: no API key'));
}

ReactDOM.createRoot(document.getElementById('root')).render(h(App));
