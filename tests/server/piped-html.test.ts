// Answer piping into html elements on the respondent page (public/src/piped-html.ts), run on SurveyJS's own
// model: a piped answer is text, never markup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Model } from 'survey-core';
import { escapePipedAnswers } from '../../public/src/piped-html.ts';

const HOSTILE = '<meta http-equiv=refresh content="0;url=https://evil.example">';

function survey() {
  const model = new Model({
    pages: [
      {
        elements: [
          { type: 'text', name: 'nickname' },
          { type: 'radiogroup', name: 'party', choices: [{ value: 'dem', text: 'Democrat & friends' }, 'other'] },
          { type: 'html', name: 'echo', html: '<p>Hello {nickname}, a {party} voter. {nobody}</p>' },
        ],
      },
    ],
  });
  return { model, html: () => model.getQuestionByName('echo').processedHtml as string };
}

test('without the handler SurveyJS pipes an answer into an html element as markup', () => {
  const { model, html } = survey();
  model.data = { nickname: HOSTILE };
  assert.ok(html().includes('<meta http-equiv=refresh'));
});

test('with it, piped answers are escaped text (choice texts too) and cannot bring placeholders of their own', () => {
  const { model, html } = survey();
  escapePipedAnswers(model);
  model.data = { nickname: HOSTILE, party: 'dem' };
  assert.equal(
    html(),
    '<p>Hello &#60;meta http-equiv=refresh content=&#34;0;url=https://evil.example&#34;&#62;, a Democrat &#38; friends voter. &#123;nobody&#125;</p>',
  );
  model.data = { nickname: '{party}', party: 'dem' };
  assert.match(html(), /^<p>Hello &#123;party&#125;, a Democrat &#38; friends voter/);
});
