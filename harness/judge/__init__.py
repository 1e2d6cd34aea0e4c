"""Judge isolation: the test runner never loads the agent's code.

host.py lays out the grading container; the other files run inside it: agentd.py and pyworker.py
under the agent's uid, harness_judge.py (a pytest plugin) and agentrun under the judge's uid, and
wire.py, the value format both sides share.
"""
