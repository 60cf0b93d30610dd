"""The HTTP service: JSON API, the officials' chat page and the document viewer.

Start it with ``assistant serve`` or build the app yourself::

    >>> from assistant.api.app import create_app
    >>> app = create_app()          # Assistant, corpus and feedback store load in the lifespan
"""
