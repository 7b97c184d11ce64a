import { createMemo, For, Match, Switch } from "solid-js";
import { Dynamic } from "solid-js/web";
import { type Block, type Line, parseMarkdown } from "../training/markdown";

/** Lesson text: parsed into blocks and rendered as text nodes only, so no author input becomes HTML. */
export function Markdown(props: { source: string; testid?: string }) {
  const blocks = createMemo(() => parseMarkdown(props.source));
  return (
    <div class="prose" data-testid={props.testid}>
      <For each={blocks()}>{(block) => <BlockView block={block} />}</For>
    </div>
  );
}

function Inlines(props: { line: Line }) {
  return (
    <For each={props.line}>
      {(part) => (
        <Switch fallback={part.text}>
          <Match when={part.kind === "strong"}>
            <strong>{part.text}</strong>
          </Match>
          <Match when={part.kind === "code"}>
            <code>{part.text}</code>
          </Match>
        </Switch>
      )}
    </For>
  );
}

function Lines(props: { lines: Line[] }) {
  return (
    <For each={props.lines}>
      {(line, i) => (
        <>
          {i() > 0 && <br />}
          <Inlines line={line} />
        </>
      )}
    </For>
  );
}

function BlockView(props: { block: Block }) {
  const b = props.block;
  if (b.kind === "heading") {
    return (
      <Dynamic component={b.level === 1 ? "h3" : b.level === 2 ? "h4" : "h5"}>
        <Inlines line={b.content} />
      </Dynamic>
    );
  }
  if (b.kind === "paragraph") {
    return (
      <p>
        <Lines lines={b.lines} />
      </p>
    );
  }
  const items = (
    <For each={b.items}>
      {(item) => (
        <li>
          <Lines lines={item} />
        </li>
      )}
    </For>
  );
  return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
}
