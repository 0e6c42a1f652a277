"""The event coder's parts: trigger lexicons, argument extraction, modality and salience.

The pipeline stage that uses them is :class:`geopivot.stages.coder.EventCoder`.
"""
