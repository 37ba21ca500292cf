// Element builders for the page. Text children become text nodes: nothing here parses HTML,
// so log text can never become markup. Event handler and URL attributes are refused outright.
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  title?: string;
  attrs?: Record<string, string>;
  onClick?: (event: MouseEvent) => void;
}

const REFUSED_ATTRIBUTE = /^(on|href$|src$|srcdoc$|style$|action$|formaction$|xlink:href$)/i;

function applyProps(node: Element, props: Props | undefined): void {
  if (!props) return;
  if (props.class) node.setAttribute('class', props.class);
  if (props.title !== undefined) node.setAttribute('title', props.title);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (REFUSED_ATTRIBUTE.test(name)) throw new Error(`refused attribute ${name}`);
    node.setAttribute(name, value);
  }
  if (props.onClick) node.addEventListener('click', props.onClick as EventListener);
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  applyProps(node, props);
  append(node, children);
  return node;
}

export function button(label: Child, onClick: (event: MouseEvent) => void, props: Props = {}): HTMLButtonElement {
  const node = el('button', { ...props, onClick }, label);
  node.type = 'button';
  return node;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
