from storyline.app.cli import main

main()
