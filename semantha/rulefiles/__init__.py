"""The administrators' rule files in rules/, from YAML to a checked, compiled RuleSet.

    schema      what each key of departments, classes, routes and tests.yaml means
    guiscripts  the schema of gui.yaml (GUI scripts) and its loader
    templates   ``{name|fallback}`` templates: checked, filled
    parse       each file read against its schema; Problem (file:line:col: message)
    compile     every pattern compiled once, then the RuleSet
    ruleset     RuleSet: what the deciding stages run on
    lint        checks across keys and files: ``semantha rules check``
    store       load_ruleset, the test cases, RuleStore (hot reload for the service)

Import from the modules; this package exports nothing itself.
"""
