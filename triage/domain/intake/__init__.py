"""The guided questionnaire as data and a step function: `flow.advance(state, input, regions)`
gives the next state and prompt, or the finished facts. catalog (steps, order, options) · steps
and review (one handler per question) · prompts (what each step asks) · facts (answers to
ReportFacts) · location (typed name, pin, browsing) · summary · inputs · result · text.
"""
