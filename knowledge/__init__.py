"""careerbot's pure domain: the knowledge base, the Vietnamese normalizer and the answer engine.

Nothing here imports telegram or touches the network; an answer is a value any channel renders.
"""
