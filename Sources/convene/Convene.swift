import ArgumentParser
import ConveneWeb
@main struct Convene: ParsableCommand { func run() {} }
